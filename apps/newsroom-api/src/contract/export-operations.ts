import { JSON_LD, NINJS } from './export-media';
import type { MediaType, Operation } from './operation';
import { problems } from './problems';
import { ARTICLE_AT_QUERY, ETAG, ok, read } from './read-operations';
import { uuid } from './schema-kit';

/** The article's exports at their own paths; GET /articles/{id} serves the same by Accept. */
const ID = { id: uuid({ description: 'The article’s id' }) };

const WHO =
  'Any signed-in role may read them, as GET /articles/{id}: they hold only what the article shows (no editor’s reason, no actor id). The path names the format: Accept is not consulted.';

function exportOf(operationId: string, path: string, summary: string, mediaType: string, content: MediaType): Operation {
  return read({
    operationId,
    path,
    summary,
    description: WHO,
    access: 'signed-in',
    params: ID,
    query: ARTICLE_AT_QUERY,
    responses: {
      200: { ...ok(content.schema, 'The export', ETAG), content: { [mediaType]: content } },
      ...problems(400, 401, 404, 429, 503),
    },
  });
}

export const EXPORT_OPERATIONS: Operation[] = [
  exportOf(
    'getArticleNinjs',
    '/articles/{id}/ninjs',
    'The article (or as it was at ?revision=N or ?asOf=<time>) as IPTC ninjs 2.4; withdrawn is pubstatus canceled',
    'application/ninjs+json',
    NINJS,
  ),
  exportOf(
    'getArticleJsonLd',
    '/articles/{id}/jsonld',
    'The article (or as it was at ?revision=N or ?asOf=<time>) as a schema.org NewsArticle in JSON-LD, public notices as CorrectionComments',
    'application/ld+json',
    JSON_LD,
  ),
];
