import { ARTICLE_REPRESENTATIONS } from './export-media';
import { ATOM_FEED } from './feed-media';
import type { Answer, Operation } from './operation';
import { problems } from './problems';
import { MAX_INT, ref, RFC3339_PATTERN, text, uuid, wholeNumber, type Schema } from './schema-kit';

/** Every read: current and past states, history, diffs, the raw log, the feed and health. */

/** Items on a page of articles or corrections when no ?limit is given. */
export const PAGE_SIZE = 20;
/** A revision history is read whole more often than not: most fit on one page of 50. */
export const HISTORY_PAGE_SIZE = 50;
/** The raw log is read by tools more than by people: larger pages, still bounded for a story of any length. */
export const EVENTS_PAGE_SIZE = 100;
export const MAX_EVENTS_PAGE = 1000;

const ID = { id: uuid({ description: 'The article’s id' }) };
const REQUEST_ID = {
  'X-Request-Id': {
    description: 'Echoed on the answer (up to 200 visible ASCII characters; another value is replaced).',
    schema: { type: 'string' },
  },
};

const page = (size: number, max = 100) => ({
  limit: wholeNumber(1, max, { default: size }),
  cursor: text(500, { description: 'Opaque: the previous page’s nextCursor.' }),
});

export function ok(schema: Schema, description: string, headers: Answer['headers'] = {}): Answer {
  return {
    description,
    headers: { 'X-Request-Id': { description: 'The request’s id', schema: { type: 'string' } }, ...headers },
    content: { 'application/json': { schema } },
  };
}

/** Which state of the article a read shows: GET /articles/{id} and its exports take the same. */
export const ARTICLE_AT_QUERY: NonNullable<Operation['query']> = {
  properties: {
    revision: wholeNumber(1, MAX_INT, { description: 'The article as it was at this revision.' }),
    asOf: {
      type: 'string',
      format: 'date-time',
      pattern: RFC3339_PATTERN,
      description: 'The article as it was at this moment (RFC 3339; a leap second reads as the end of its minute).',
    },
  },
  rules: { not: { required: ['revision', 'asOf'] }, description: 'revision and asOf exclude each other.' },
};

export const ETAG = {
  ETag: { description: 'The revision shown, quoted: send it back as If-Match', schema: { type: 'string', example: '"4"' } },
};

export function read(operation: Omit<Operation, 'method' | 'tag' | 'headers'>): Operation {
  return { method: 'get', tag: 'reads', headers: REQUEST_ID, ...operation };
}

/** The corrections feed's pages, as JSON (GET /corrections) or Atom (GET /corrections.atom). */
export const CORRECTIONS_QUERY: NonNullable<Operation['query']> = { properties: page(PAGE_SIZE) };

export const READ_OPERATIONS: Operation[] = [
  read({
    operationId: 'listArticles',
    path: '/articles',
    summary: 'Articles, most recently changed first, a page at a time',
    access: 'signed-in',
    query: {
      properties: {
        ...page(PAGE_SIZE),
        status: { type: 'string', enum: ['draft', 'published', 'withdrawn'] },
        category: text(200, { description: 'A category slug', example: 'diplomacy' }),
        q: text(200, {
          description:
            "Headline search: every word (split on white space) appears in the headline, anywhere in it; case, accents and curly or straight quotes do not matter. `cnn's geneve` finds “Genève: CNN’s question”. A story without a headline never matches.",
          example: 'geneva summit',
        }),
      },
    },
    responses: { 200: ok(ref('ArticlePage'), 'A page of articles'), ...problems(400, 401, 429, 503) },
  }),
  read({
    operationId: 'getArticle',
    path: '/articles/{id}',
    summary: 'The current article, or as it was at ?revision=N or ?asOf=<time>',
    description:
      'Served as `application/json` (the default: no Accept, `*/*` or `application/*`), or as its exports by content negotiation: `Accept: application/ninjs+json` answers what GET /articles/{id}/ninjs does, `Accept: application/ld+json` what GET /articles/{id}/jsonld does (q-values are honoured; answers carry `Vary: Accept`). An Accept that names none of the three gets 406.',
    access: 'signed-in',
    params: ID,
    query: ARTICLE_AT_QUERY,
    responses: {
      200: {
        ...ok(ref('Article'), 'The article, in the representation Accept chose', ETAG),
        content: ARTICLE_REPRESENTATIONS,
      },
      ...problems(400, 401, 404, 406, 429, 503),
    },
  }),
  read({
    operationId: 'listRevisions',
    path: '/articles/{id}/revisions',
    summary: 'The revision history, oldest first (or newest first with ?order=desc): who, when, why and what',
    access: 'signed-in',
    params: ID,
    query: {
      properties: {
        ...page(HISTORY_PAGE_SIZE),
        order: {
          type: 'string',
          enum: ['asc', 'desc'],
          default: 'asc',
          description: 'asc: oldest first; desc: newest first. A cursor pages on in the order it was made in.',
        },
      },
    },
    responses: { 200: ok(ref('RevisionPage'), 'A page of revisions'), ...problems(400, 401, 404, 429, 503) },
  }),
  read({
    operationId: 'getRevision',
    path: '/articles/{id}/revisions/{n}',
    summary: 'One revision: who, when, why, and the article as it was then',
    access: 'signed-in',
    params: { ...ID, n: wholeNumber(1, MAX_INT, { description: 'The revision' }) },
    responses: { 200: ok(ref('Revision'), 'The revision', ETAG), ...problems(400, 401, 404, 429, 503) },
  }),
  read({
    operationId: 'diffRevisions',
    path: '/articles/{id}/diff',
    summary: 'Word-level differences between two revisions, block by block',
    access: 'signed-in',
    params: ID,
    query: {
      properties: { from: wholeNumber(1, MAX_INT, { example: 3 }), to: wholeNumber(1, MAX_INT, { example: 4 }) },
      required: ['from', 'to'],
    },
    responses: { 200: ok(ref('ArticleDiff'), 'The differences'), ...problems(400, 401, 404, 429, 503) },
  }),
  read({
    operationId: 'auditArticle',
    path: '/articles/{id}/audit',
    summary: 'Checks the article’s hash chain',
    description:
      'Each event stores a random salt, a content digest (SHA-256 of the salt and its data and metadata as PostgreSQL jsonb text) and SHA-256 over its revision, type, digest and the previous event’s hash. An event is sound when its hash holds and its content matches its digest or, once redacted, the digest the latest later redaction record lists for it. brokenAt is the first revision that is not sound. `redactions` lists every redaction of the article: when, by whom, why, on what authority, and which revisions it rewrote. Keep headHash elsewhere to detect a removed tail too.',
    access: ['auditor', 'editor', 'legal'],
    params: ID,
    responses: { 200: ok(ref('Audit'), 'The verdict'), ...problems(400, 401, 403, 404, 429, 503) },
  }),
  read({
    operationId: 'listEvents',
    path: '/articles/{id}/events',
    summary: 'The raw event log of the article, oldest first, a page at a time (auditors, editors and legal)',
    access: ['auditor', 'editor', 'legal'],
    params: ID,
    query: { properties: page(EVENTS_PAGE_SIZE, MAX_EVENTS_PAGE) },
    responses: {
      200: ok(ref('StoredEventPage'), 'A page of events as stored'),
      ...problems(400, 401, 403, 404, 429, 503),
    },
  }),
  read({
    operationId: 'listCorrections',
    path: '/corrections',
    summary: 'The public corrections feed across articles, newest first',
    description:
      'Served as `application/json` (the default: no Accept, `*/*` or `application/*`), or as an Atom 1.0 feed with `Accept: application/atom+xml` (what GET /corrections.atom answers; answers carry `Vary: Accept`). An Accept that names neither gets 406.',
    access: 'signed-in',
    query: CORRECTIONS_QUERY,
    responses: {
      200: {
        ...ok(ref('CorrectionPage'), 'A page of notices, in the representation Accept chose'),
        content: { 'application/json': { schema: ref('CorrectionPage') }, 'application/atom+xml': ATOM_FEED },
      },
      ...problems(400, 401, 406, 429, 503),
    },
  }),
  {
    operationId: 'health',
    method: 'get',
    path: '/health',
    tag: 'operations',
    summary: 'Liveness and readiness',
    access: 'public',
    responses: {
      200: ok(ref('Health'), 'Up: the database answers'),
      503: { description: 'The database is unreachable', content: { 'application/json': { schema: ref('Health') } } },
    },
  },
];
