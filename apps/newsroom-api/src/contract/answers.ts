import { NOTICE_KINDS } from '@newsroom/articles';
import { CATEGORY_SCHEMAS } from './category-answers';
import { EXPORT_SCHEMAS } from './export-answers';
import { arrayOf, dateTime, MAX_INT, nullable, object, ref, type Schema, uuid } from './schema-kit';

/**
 * The shapes the API answers with, as the components of the OpenAPI document. The end-to-end
 * suites check every answer they receive against them, so they stay exact: closed objects,
 * every property required that is always sent.
 */
const revision = { type: 'integer', minimum: 1, maximum: MAX_INT };
const status = { type: 'string', enum: ['draft', 'published', 'withdrawn'] };

const Block = object(
  {
    id: { type: 'string', description: 'Stable for the life of the article: b1, b2, … in import order.', example: 'b9' },
    type: { type: 'string', enum: ['paragraph', 'subheading'] },
    text: { type: 'string' },
  },
  ['id', 'type', 'text'],
);

const Category = object(
  {
    slug: { type: 'string', example: 'diplomacy' },
    label: { type: 'string', example: 'Diplomacy' },
    code: { type: 'string', example: 'medtop:20000639' },
  },
  ['slug', 'label'],
);

const CorrectionNotice = object(
  { revision, kind: { type: 'string', enum: NOTICE_KINDS }, recordedAt: dateTime, text: { type: 'string' } },
  ['revision', 'kind', 'recordedAt', 'text'],
);

const Article = object(
  {
    id: uuid(),
    revision: { ...revision, description: 'Also sent as the ETag, quoted.' },
    status,
    headline: nullable({ type: 'string' }),
    byline: nullable({ type: 'string' }),
    dateline: nullable({ type: 'string' }),
    blocks: arrayOf(ref('Block')),
    categories: arrayOf(ref('Category')),
    corrections: arrayOf(ref('CorrectionNotice'), { description: 'Public notices, oldest first; never removed.' }),
    createdAt: dateTime,
    updatedAt: dateTime,
    publishedAt: nullable(dateTime),
  },
  [
    'id',
    'revision',
    'status',
    'headline',
    'byline',
    'dateline',
    'blocks',
    'categories',
    'corrections',
    'createdAt',
    'updatedAt',
    'publishedAt',
  ],
);

const nextCursor = nullable({ type: 'string', description: 'Pass as ?cursor= for the next page; null on the last.' });

const ArticlePage = object({ items: arrayOf(ref('Article')), nextCursor }, ['items', 'nextCursor']);

const revisionEntryProperties = {
  revision,
  type: { type: 'string', description: 'The event type', example: 'AttributionFixed' },
  actor: { type: 'string', description: 'Who made the change: the subject, and with an identity provider `subject@issuer`' },
  actorName: nullable({
    type: 'string',
    description: 'The display name the actor’s token carried (its `name` claim), or null when it carried none',
    example: 'Anna Keller',
  }),
  reason: nullable({ type: 'string' }),
  recordedAt: dateTime,
  summary: { type: 'string', description: 'What changed, in words' },
};
const revisionEntryRequired = Object.keys(revisionEntryProperties);

const RevisionEntry = object(revisionEntryProperties, revisionEntryRequired);
const RevisionPage = object({ items: arrayOf(ref('RevisionEntry')), nextCursor }, ['items', 'nextCursor']);
const Revision = object({ ...revisionEntryProperties, article: ref('Article') }, [...revisionEntryRequired, 'article']);

const DiffOps = arrayOf(
  object({ op: { type: 'string', enum: ['equal', 'insert', 'delete'] }, text: { type: 'string' } }, ['op', 'text']),
);
const ArticleDiff = object(
  {
    from: revision,
    to: revision,
    headline: DiffOps,
    byline: DiffOps,
    dateline: DiffOps,
    blocks: arrayOf(
      object(
        {
          blockId: { type: 'string' },
          change: { type: 'string', enum: ['added', 'removed', 'changed', 'unchanged'] },
          ops: DiffOps,
        },
        ['blockId', 'change', 'ops'],
      ),
    ),
    categories: object({ added: arrayOf(ref('Category')), removed: arrayOf(ref('Category')) }, ['added', 'removed']),
  },
  ['from', 'to', 'headline', 'byline', 'dateline', 'blocks', 'categories'],
);

/** A redaction the audit accepted: the record's revision, who made it, when, why, on what authority, and what it rewrote. */
const Redaction = object(
  {
    revision,
    recordedAt: dateTime,
    actor: nullable({ type: 'string' }),
    reason: nullable({ type: 'string' }),
    authority: nullable({ type: 'string' }),
    redactedRevisions: arrayOf(revision, { description: 'The earlier revisions whose stored content it replaced.' }),
  },
  ['revision', 'recordedAt', 'actor', 'reason', 'authority', 'redactedRevisions'],
);

/** What a redaction answers: the article at the record's revision, and the revisions it rewrote. */
const RedactionResult = object(
  {
    article: ref('Article'),
    redactedRevisions: arrayOf(revision, {
      minItems: 1,
      description: 'The earlier revisions whose stored events held the passage and were rewritten, oldest first.',
    }),
  },
  ['article', 'redactedRevisions'],
);

const redactions = arrayOf(ref('Redaction'), { description: 'The redactions of the article’s log, oldest first.' });

const Audit = {
  oneOf: [
    object(
      {
        verified: { const: true },
        revisions: { type: 'integer', minimum: 0 },
        headHash: nullable({ type: 'string', pattern: '^[0-9a-f]{64}$' }),
        redactions,
      },
      ['verified', 'revisions', 'headHash', 'redactions'],
    ),
    object({ verified: { const: false }, revisions: { type: 'integer', minimum: 0 }, brokenAt: revision, redactions }, [
      'verified',
      'revisions',
      'brokenAt',
      'redactions',
    ]),
  ],
};

const StoredEvent = object(
  {
    position: { type: 'integer', minimum: 1 },
    revision,
    type: { type: 'string' },
    data: { type: 'object', description: 'The event’s payload, as stored.' },
    metadata: {
      type: 'object',
      description:
        'actor, actorName, reason, correlationId (the X-Request-Id), schemaVersion, and idempotencyKey: the Idempotency-Key prefixed by its actor and U+241F (`eddie␟fix-42`), or null.',
      required: ['schemaVersion'],
      properties: { schemaVersion: { type: 'integer' } },
    },
    recordedAt: dateTime,
  },
  ['position', 'revision', 'type', 'data', 'metadata', 'recordedAt'],
);
const StoredEventPage = object({ items: arrayOf(ref('StoredEvent')), nextCursor }, ['items', 'nextCursor']);

const CorrectionEntry = object(
  {
    articleId: uuid(),
    revision,
    headline: nullable({ type: 'string' }),
    kind: { type: 'string', enum: NOTICE_KINDS },
    text: { type: 'string' },
    recordedAt: dateTime,
  },
  ['articleId', 'revision', 'headline', 'kind', 'text', 'recordedAt'],
);
const CorrectionPage = object({ items: arrayOf(ref('CorrectionEntry')), nextCursor }, ['items', 'nextCursor']);

const Health = object(
  {
    status: { type: 'string', enum: ['ok', 'unavailable'] },
    database: { type: 'string', enum: ['up', 'down'] },
    projections: object(
      {
        lag: nullable({
          type: 'integer',
          minimum: 0,
          description: 'Events the corrections feed has not handled yet; null when the database is down.',
        }),
      },
      ['lag'],
    ),
    replicas: arrayOf(
      object(
        {
          name: { type: 'string', pattern: '^replica-[0-9]+$', description: 'replica-N: the N-th of DATABASE_REPLICA_URLS' },
          state: {
            type: 'string',
            enum: ['up', 'lagging', 'down'],
            description: 'up: serves reads; lagging: further behind than REPLICA_MAX_LAG_MS; down: unreachable or not a standby',
          },
          lagMs: nullable({
            type: 'integer',
            minimum: 0,
            description:
              'Milliseconds since the primary last stood where this replica has replayed to (near 0 on an idle primary); null when down',
          }),
          replayLsn: nullable({ type: 'string', description: 'pg_last_wal_replay_lsn() at the last probe; null when down' }),
        },
        ['name', 'state', 'lagMs', 'replayLsn'],
      ),
      { description: 'Only with DATABASE_REPLICA_URLS: each replica as the last probe (every 100 ms) saw it.' },
    ),
  },
  ['status', 'database', 'projections'],
);

const Problem = {
  type: 'object',
  description: 'RFC 9457 problem details; validation failures list each field in errors[].',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', example: '/problems/text-not-found' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: arrayOf(object({ field: { type: 'string' }, message: { type: 'string' } }, ['field', 'message'])),
  },
};

/**
 * A 412. Every one says where the article is now; one refusing a stale edit that could not merge
 * also says what of the story changed under it and who changed it, as the history lists them.
 */
const PreconditionFailed = {
  ...Problem,
  description:
    'A 412: If-Match named another revision. For a find-and-replace, headline or category edit that could not merge, it names what changed under the edit since the revision it was made on, and the revisions (with who and when) that changed it.',
  properties: {
    ...Problem.properties,
    currentRevision: { ...revision, description: 'The article’s revision now.' },
    seenRevision: { ...revision, description: 'The revision the edit was made on (the oldest one If-Match named).' },
    conflictingFields: arrayOf(
      { type: 'string', example: 'block:b9' },
      { description: 'What changed under the edit: `headline`, `block:<id>` or `category:<slug>`.' },
    ),
    conflicts: arrayOf(ref('RevisionEntry'), {
      description: 'The revisions after `seenRevision` that changed those fields, oldest first (the newest 20 at most).',
    }),
  },
};

/** Every component of the document, by name. */
export const ANSWER_SCHEMAS: Record<string, Schema> = {
  Article,
  Block,
  Category,
  CorrectionNotice,
  ArticlePage,
  RevisionEntry,
  RevisionPage,
  Revision,
  ArticleDiff,
  Audit,
  Redaction,
  RedactionResult,
  StoredEvent,
  StoredEventPage,
  CorrectionEntry,
  CorrectionPage,
  Health,
  Problem,
  PreconditionFailed,
  ...EXPORT_SCHEMAS,
  ...CATEGORY_SCHEMAS,
};
