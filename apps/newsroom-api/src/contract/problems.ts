import type { Answer } from './operation';
import { ref } from './schema-kit';

/** What each refusal means, said once for the whole document. */
const MEANING: Record<number, string> = {
  400: 'Malformed JSON, a missing, ill-typed or unknown field, a malformed id, query parameter or header: errors[] names each field',
  401: 'No token, or an invalid or expired one (checked before the body is read)',
  403: 'The role may not do this (a reporter editing a published article, a reporter reading the raw log, …)',
  404: 'Unknown article, or a revision beyond the latest',
  406: 'Accept names none of the media types this route answers with',
  409: 'The revert conflicts with later changes to the same text (the problem names them)',
  412: 'If-Match does not name the current revision, and the command is not an edit that merges (see If-Match); nothing was appended',
  413: 'Body over 1 MiB',
  415: 'A content type this route does not take',
  422: 'Text not found or ambiguous, publish without a headline, a reused Idempotency-Key, restore to the current content, …',
  429: 'Too many requests; Retry-After says when to try again',
  503: 'The database is unreachable',
};

/** One real refusal of each kind, as the sample story gets it. */
const EXAMPLE: Record<number, Record<string, unknown>> = {
  400: {
    type: '/problems/validation-failed',
    title: 'Validation failed',
    status: 400,
    detail: 'reason: reason is required',
    errors: [{ field: 'reason', message: 'reason is required' }],
  },
  401: { type: '/problems/unauthorized', title: 'Unauthorized', status: 401, detail: 'A bearer token is required.' },
  403: {
    type: '/problems/published-article-locked',
    title: 'Published article locked',
    status: 403,
    detail: 'The article is published: only an editor may edit it',
  },
  404: {
    type: '/problems/article-not-found',
    title: 'Article not found',
    status: 404,
    detail: 'No article has the id 1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed.',
  },
  406: {
    type: '/problems/not-acceptable',
    title: 'Not acceptable',
    status: 406,
    detail:
      'This resource is served as application/json, application/ninjs+json, application/ld+json; the Accept header names none of them.',
  },
  409: {
    type: '/problems/revert-conflict',
    title: 'Revert conflict',
    status: 409,
    detail: 'Revision 3 cannot be reverted: revision 4 changed the same text.',
  },
  412: {
    type: '/problems/precondition-failed',
    title: 'Precondition failed',
    status: 412,
    detail:
      'The article is at revision 3; If-Match named "1". Since revision 1, revision 2 (eddie) changed the headline, which this command edits. Nothing was changed.',
    currentRevision: 3,
    seenRevision: 1,
    conflictingFields: ['headline'],
    conflicts: [
      {
        revision: 2,
        type: 'HeadlineChanged',
        actor: 'eddie',
        actorName: null,
        reason: 'Headline',
        recordedAt: '2026-12-06T10:42:00.000Z',
        summary: 'Headline changed to “Geneva”',
      },
    ],
  },
  413: { type: '/problems/payload-too-large', title: 'Payload too large', status: 413, detail: 'The request body exceeds 1mb.' },
  415: {
    type: '/problems/unsupported-media-type',
    title: 'Unsupported media type',
    status: 415,
    detail: 'This endpoint takes application/json, not text/xml.',
  },
  422: {
    type: '/problems/text-not-found',
    title: 'Text not found',
    status: 422,
    detail: '“La Casa officials” does not occur in the article',
    matches: 0,
  },
  429: { type: '/problems/too-many-requests', title: 'Too many requests', status: 429, detail: 'Slow down.' },
  503: {
    type: '/problems/database-unavailable',
    title: 'Service unavailable',
    status: 503,
    detail: 'The database is unreachable; try again shortly.',
  },
};

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

const RETRY_AFTER = { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 0 } };

/** Headers a refusal carries besides its body (RFC 9110 §11.6.1 and §10.2.3). */
const HEADERS: Record<number, Answer['headers']> = {
  401: {
    'WWW-Authenticate': {
      description:
        'The challenge (RFC 6750): `Bearer realm="newsroom"` when no bearer token was sent; `Bearer realm="newsroom", error="invalid_token"` when the token sent was refused (expired, not yet valid, living too long, badly signed, for another audience or issuer, malformed).',
      schema: { type: 'string', example: 'Bearer realm="newsroom"' },
    },
  },
  429: { 'Retry-After': RETRY_AFTER },
  503: { 'Retry-After': RETRY_AFTER },
};

/** Refusals whose extension members have a schema of their own. */
const SCHEMA: Record<number, string> = { 412: 'PreconditionFailed' };

/** The documented answer for a refusal: problem+json with an example, and its headers. */
export function problem(status: number, description = MEANING[status]): Answer {
  return {
    description,
    content: {
      [PROBLEM_MEDIA_TYPE]: {
        schema: ref(SCHEMA[status] ?? 'Problem'),
        examples: { [`status${status}`]: { summary: MEANING[status], value: EXAMPLE[status] } },
      },
    },
    ...(HEADERS[status] ? { headers: HEADERS[status] } : {}),
  };
}

export function problems(...statuses: number[]): Record<number, Answer> {
  return Object.fromEntries(statuses.map((status) => [status, problem(status)]));
}
