import { ATOM_FEED } from './feed-media';
import type { Operation } from './operation';
import { problems } from './problems';
import { CORRECTIONS_QUERY, read } from './read-operations';

/**
 * Who may read the Atom feed: the same as the JSON feed. It lists notices on drafts and withdrawn
 * stories too, so it is not public; a reader that cannot send a token fetches it through
 * something that can (the CMS, a proxy adding the header).
 */
export const FEED_ACCESS =
  'The same notices as GET /corrections, with the same access: any signed-in role (feed readers send the token as `Authorization: Bearer …`). The path names the format: Accept is not consulted. `limit` and `cursor` page as on GET /corrections; the self link names the page asked for.';

export const FEED_OPERATIONS: Operation[] = [
  read({
    operationId: 'getCorrectionsAtom',
    path: '/corrections.atom',
    summary: 'The public corrections feed as an Atom 1.0 feed, newest first',
    description: FEED_ACCESS,
    access: 'signed-in',
    query: CORRECTIONS_QUERY,
    responses: {
      200: {
        description: 'The feed',
        headers: { 'X-Request-Id': { description: 'The request’s id', schema: { type: 'string' } } },
        content: { 'application/atom+xml': ATOM_FEED },
      },
      ...problems(400, 401, 429, 503),
    },
  }),
];
