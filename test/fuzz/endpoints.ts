import fc from 'fast-check';
import { GENEVA_SUMMIT } from '../support/sample-story';
import { storableText, visibleText } from './hostile-strings';

/**
 * Every endpoint of API.md, written down as data: what each takes (body fields, query parameters,
 * roles, media types) and which statuses a well-formed request may legitimately get. The
 * generator mutates requests away from this description; the checks use it as the oracle.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type Role = 'reporter' | 'editor' | 'auditor' | 'legal';

export type FieldType =
  | { kind: 'text'; max: number; allowEmpty?: boolean; valid: fc.Arbitrary<string> }
  | { kind: 'int'; min: number; max: number; valid: fc.Arbitrary<number> }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'categories' };

export interface FieldSpec {
  name: string;
  required: boolean;
  /** Required only when this other field is absent or null (a category: a label, a Media Topic code, or both). */
  unless?: string;
  type: FieldType;
}

export type QueryType =
  | { kind: 'int'; min: number; max: number; valid: fc.Arbitrary<number> }
  | { kind: 'text'; max: number; valid: fc.Arbitrary<string> }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'cursor' }
  | { kind: 'instant' };

export interface QuerySpec {
  name: string;
  required: boolean;
  type: QueryType;
}

/** A path segment: a literal, or a parameter the generator fills (well or badly). */
export type Segment = string | ':id' | ':n' | ':slug';

export interface Endpoint {
  name: string;
  method: Method;
  path: readonly Segment[];
  /** `public`: no token; `token`: any valid token; else one of these roles. */
  access: 'public' | 'token' | readonly Role[];
  /** Appends events; reads If-Match and Idempotency-Key. */
  command: boolean;
  /** JSON body fields (commands); absent for reads. */
  fields?: readonly FieldSpec[];
  /** Also takes the story as text/plain (only POST /articles). */
  plainText?: boolean;
  /** Validated query parameters; absent where the query string is ignored. */
  query?: readonly QuerySpec[];
  /** What a well-formed request may get, depending on the article's state. */
  outcomes: readonly number[];
  /** A command whose answer holds the article under this key instead of being it ({ article, redactedRevisions }). */
  articleKey?: string;
  /** The response is not JSON (Swagger UI). */
  html?: boolean;
}

const SAMPLE_PARAGRAPHS = GENEVA_SUMMIT.split(/\n\n/).filter((p) => !p.startsWith('Categorized'));

/** Phrases that occur in the sample story once or several times, typed with straight quotes sometimes. */
const SAMPLE_PHRASES = [
  "Citizen Free Press's Matthew Chance",
  'Citizen Free Press’s Matthew Chance',
  'a La Casa official said. White.',
  'four hours',
  'Putin',
  'President Biden',
  'Geneva, Switzerland',
  '“I don’t think there is anything to discuss there,”',
  '"I don\'t think',
  'Summit progress',
  'cyber attacks',
];

const sampleText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SAMPLE_PHRASES) },
  { weight: 1, arbitrary: visibleText(8) },
);

const storyBody = fc.oneof(
  { weight: 2, arbitrary: fc.constant(GENEVA_SUMMIT) },
  {
    weight: 2,
    arbitrary: fc.array(fc.constantFrom(...SAMPLE_PARAGRAPHS), { minLength: 1, maxLength: 4 }).map((p) => p.join('\n\n')),
  },
  { weight: 3, arbitrary: fc.array(visibleText(10), { minLength: 1, maxLength: 4 }).map((p) => p.join('\n\n')) },
);

const labels = fc.oneof(
  fc.constantFrom('Diplomacy', 'US–Russia Relations', 'Cybersecurity', 'Ukraine', 'Café Society', 'Straße'),
  visibleText(6),
);

const reason = (required: boolean): FieldSpec => ({
  name: 'reason',
  required,
  type: { kind: 'text', max: 2000, valid: visibleText(10) },
});

const findReplaceFields: readonly FieldSpec[] = [
  { name: 'find', required: true, type: { kind: 'text', max: 10_000, valid: sampleText } },
  { name: 'replace', required: true, type: { kind: 'text', max: 10_000, allowEmpty: true, valid: storableText(8) } },
  reason(true),
  {
    name: 'blockId',
    required: false,
    // Kept well under 50 so that a few U+FFFD from invalid bytes cannot push it over.
    type: {
      kind: 'text',
      max: 50,
      valid: fc.oneof(
        fc.integer({ min: 1, max: 14 }).map((n) => `b${n}`),
        visibleText(3).filter((s) => s.length <= 40),
      ),
    },
  },
  { name: 'occurrence', required: false, type: { kind: 'int', min: 1, max: 1_000_000, valid: fc.integer({ min: 1, max: 4 }) } },
  { name: 'notice', required: false, type: { kind: 'text', max: 5000, valid: visibleText(10) } },
  {
    name: 'noticeKind',
    required: false,
    type: { kind: 'enum', values: ['correction', 'clarification', 'editors-note', 'update'] },
  },
];

const revisionField: FieldSpec = {
  name: 'revision',
  required: true,
  type: { kind: 'int', min: 1, max: 2_147_483_647, valid: fc.integer({ min: 1, max: 30 }) },
};

const pageUpTo = (max: number): readonly QuerySpec[] => [
  { name: 'limit', required: false, type: { kind: 'int', min: 1, max, valid: fc.integer({ min: 1, max }) } },
  { name: 'cursor', required: false, type: { kind: 'cursor' } },
];
const page = pageUpTo(100);

const revisionQuery = (name: string, required: boolean): QuerySpec => ({
  name,
  required,
  type: { kind: 'int', min: 1, max: 2_147_483_647, valid: fc.integer({ min: 1, max: 30 }) },
});

const EDITORS: readonly Role[] = ['editor'];
const WRITERS: readonly Role[] = ['reporter', 'editor'];

export const ENDPOINTS: readonly Endpoint[] = [
  {
    name: 'POST /articles',
    method: 'POST',
    path: ['articles'],
    access: WRITERS,
    command: true,
    plainText: true,
    fields: [
      { name: 'headline', required: false, type: { kind: 'text', max: 1000, valid: visibleText(8) } },
      { name: 'byline', required: false, type: { kind: 'text', max: 500, valid: visibleText(6) } },
      { name: 'dateline', required: false, type: { kind: 'text', max: 500, valid: visibleText(4) } },
      { name: 'body', required: true, type: { kind: 'text', max: 1_000_000, valid: storyBody } },
      { name: 'categories', required: false, type: { kind: 'categories' } },
    ],
    // 422: a body that is only a `Categorized in:` line, or a label with nothing to slug.
    outcomes: [201, 422],
  },
  {
    name: 'PUT /articles/{id}/headline',
    method: 'PUT',
    path: ['articles', ':id', 'headline'],
    access: WRITERS,
    command: true,
    fields: [{ name: 'headline', required: true, type: { kind: 'text', max: 1000, valid: visibleText(8) } }, reason(true)],
    outcomes: [200, 403, 412, 422],
  },
  {
    name: 'POST /articles/{id}/attribution-fixes',
    method: 'POST',
    path: ['articles', ':id', 'attribution-fixes'],
    access: WRITERS,
    command: true,
    fields: findReplaceFields,
    outcomes: [200, 403, 412, 422],
  },
  {
    name: 'POST /articles/{id}/text-corrections',
    method: 'POST',
    path: ['articles', ':id', 'text-corrections'],
    access: WRITERS,
    command: true,
    fields: findReplaceFields,
    outcomes: [200, 403, 412, 422],
  },
  {
    name: 'POST /articles/{id}/categories',
    method: 'POST',
    path: ['articles', ':id', 'categories'],
    access: WRITERS,
    command: true,
    fields: [
      { name: 'label', required: true, unless: 'code', type: { kind: 'text', max: 200, valid: labels } },
      {
        name: 'code',
        required: false,
        type: { kind: 'text', max: 200, valid: fc.oneof(fc.constant('medtop:20000639'), visibleText(4)) },
      },
      reason(false),
    ],
    outcomes: [200, 403, 412, 422],
  },
  {
    name: 'DELETE /articles/{id}/categories/{slug}',
    method: 'DELETE',
    path: ['articles', ':id', 'categories', ':slug'],
    access: WRITERS,
    command: true,
    fields: [reason(false)],
    outcomes: [200, 403, 412, 422],
  },
  {
    name: 'POST /articles/{id}/publication',
    method: 'POST',
    path: ['articles', ':id', 'publication'],
    access: EDITORS,
    command: true,
    fields: [reason(false)],
    outcomes: [200, 412, 422],
  },
  {
    name: 'DELETE /articles/{id}/publication',
    method: 'DELETE',
    path: ['articles', ':id', 'publication'],
    access: EDITORS,
    command: true,
    fields: [reason(true)],
    outcomes: [200, 412, 422],
  },
  {
    name: 'POST /articles/{id}/restorations',
    method: 'POST',
    path: ['articles', ':id', 'restorations'],
    access: EDITORS,
    command: true,
    fields: [revisionField, reason(true)],
    outcomes: [200, 404, 412, 422],
  },
  {
    name: 'POST /articles/{id}/reverts',
    method: 'POST',
    path: ['articles', ':id', 'reverts'],
    access: EDITORS,
    command: true,
    fields: [revisionField, reason(true)],
    outcomes: [200, 404, 409, 412, 422],
  },
  {
    name: 'POST /articles/{id}/redactions',
    method: 'POST',
    path: ['articles', ':id', 'redactions'],
    access: ['legal'],
    command: true,
    articleKey: 'article',
    // Only the text form: the block-and-range form is covered by the contract's property test.
    fields: [
      { name: 'text', required: true, unless: 'blockId', type: { kind: 'text', max: 10_000, valid: sampleText } },
      reason(true),
      { name: 'authority', required: true, type: { kind: 'text', max: 2000, valid: visibleText(10) } },
    ],
    // 422: a passage in no revision, part of the marker, or in the reason or the authority.
    outcomes: [200, 412, 422],
  },
  {
    name: 'GET /articles/{id}',
    method: 'GET',
    path: ['articles', ':id'],
    access: 'token',
    command: false,
    query: [revisionQuery('revision', false), { name: 'asOf', required: false, type: { kind: 'instant' } }],
    // 404: a revision beyond the latest, or a moment before the article existed; 406: an Accept
    // (a junk header) naming none of its representations.
    outcomes: [200, 404, 406],
  },
  {
    name: 'GET /articles',
    method: 'GET',
    path: ['articles'],
    access: 'token',
    command: false,
    query: [
      ...page,
      { name: 'status', required: false, type: { kind: 'enum', values: ['draft', 'published', 'withdrawn'] } },
      {
        name: 'category',
        required: false,
        type: {
          kind: 'text',
          max: 200,
          valid: fc.oneof(fc.constantFrom('diplomacy', 'ukraine', 'cafe-society'), visibleText(4)),
        },
      },
    ],
    outcomes: [200],
  },
  {
    name: 'GET /articles/{id}/revisions',
    method: 'GET',
    path: ['articles', ':id', 'revisions'],
    access: 'token',
    command: false,
    query: page,
    outcomes: [200],
  },
  {
    name: 'GET /articles/{id}/revisions/{n}',
    method: 'GET',
    path: ['articles', ':id', 'revisions', ':n'],
    access: 'token',
    command: false,
    outcomes: [200, 404],
  },
  {
    name: 'GET /articles/{id}/diff',
    method: 'GET',
    path: ['articles', ':id', 'diff'],
    access: 'token',
    command: false,
    query: [revisionQuery('from', true), revisionQuery('to', true)],
    outcomes: [200, 404],
  },
  {
    name: 'GET /articles/{id}/events',
    method: 'GET',
    path: ['articles', ':id', 'events'],
    access: ['auditor', 'editor', 'legal'],
    command: false,
    query: pageUpTo(1000),
    outcomes: [200],
  },
  {
    name: 'GET /articles/{id}/audit',
    method: 'GET',
    path: ['articles', ':id', 'audit'],
    access: ['auditor', 'editor', 'legal'],
    command: false,
    outcomes: [200],
  },
  {
    name: 'GET /corrections',
    method: 'GET',
    path: ['corrections'],
    access: 'token',
    command: false,
    query: page,
    // 406: an Accept (a junk header) naming neither JSON nor Atom.
    outcomes: [200, 406],
  },
  { name: 'GET /health', method: 'GET', path: ['health'], access: 'public', command: false, outcomes: [200] },
  { name: 'GET /docs-json', method: 'GET', path: ['docs-json'], access: 'public', command: false, outcomes: [200] },
  { name: 'GET /docs', method: 'GET', path: ['docs'], access: 'public', command: false, outcomes: [200], html: true },
];

export function rolesAllowed(endpoint: Endpoint, roles: readonly string[]): boolean {
  if (endpoint.access === 'public' || endpoint.access === 'token') return true;
  return endpoint.access.some((role) => roles.includes(role));
}
