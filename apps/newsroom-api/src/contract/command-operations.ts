import { NOTICE_KINDS } from '@newsroom/articles';
import type { Answer, Operation } from './operation';
import { problems } from './problems';
import { arrayOf, MAX_INT, nullable, object, optional, ref, type Schema, text, uuid, wholeNumber } from './schema-kit';

/** The eleven commands: each appends at most one event and answers the article. */

const reason = (required: boolean): Schema =>
  required
    ? text(2000, { description: 'Why: recorded in the event and shown in the history.' })
    : optional(text(2000, { description: 'Why (optional).' }));

const COMMAND_HEADERS: Operation['headers'] = {
  'If-Match': {
    description:
      'Quoted revisions ("4", or "4", "5") or *: refuse with 412 unless the article is at one of them. Weak tags never match. A find-and-replace, headline or category edit made on an older revision still applies when nothing it touches changed since (its block byte-identical, its `find` landing on the same place; the headline; that category): it is appended at the current revision and answered with `Merged-From`. Otherwise the 412 names what changed under it and who changed it. Publish, withdraw, restore and revert keep the strict rule.',
    schema: { type: 'string', pattern: '^\\s*(\\*|(W/)?"[0-9]{1,10}"(\\s*,\\s*(W/)?"[0-9]{1,10}")*)\\s*$', example: '"3"' },
  },
  'Idempotency-Key': {
    description:
      'Up to 200 visible ASCII characters, unique per actor: a repeat replays the first answer (its status, headers and the article at the revision it answered with, read again: the same JSON value); another request under the same key gets 422.',
    schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$', example: 'fix-chance-2026-12-06' },
  },
  'X-Request-Id': {
    description:
      'Echoed, and recorded as the event’s correlation id (up to 200 visible ASCII characters; another value is replaced).',
    schema: { type: 'string' },
  },
};

const ID = { id: uuid({ description: 'The article’s id' }) };

const ANSWER_HEADERS = {
  ETag: { description: 'The article’s revision, quoted', schema: { type: 'string', example: '"4"' } },
  'Idempotent-Replayed': {
    description: '"true" when this is the replay of an earlier answer',
    schema: { type: 'string', enum: ['true'] },
  },
  'X-Request-Id': { description: 'The request’s id', schema: { type: 'string' } },
};

/** Only an edit's answer can say it merged: a creation has no earlier revision to be stale on. */
const MERGED_FROM = {
  'Merged-From': {
    description:
      'The revision If-Match named, when the edit was made on it and merged onto later changes that did not touch it (a replay repeats it)',
    schema: { type: 'string', pattern: '^[0-9]{1,10}$', example: '3' },
  },
};

function articleAnswer(description: string, extraHeaders: Answer['headers'] = {}): Answer {
  return {
    description,
    headers: { ...ANSWER_HEADERS, ...extraHeaders },
    content: { 'application/json': { schema: ref('Article') } },
  };
}

const CHANGED = articleAnswer(
  'The article at its new revision, or unchanged (no event) when the command would change nothing',
  MERGED_FROM,
);
const REFUSALS = [400, 401, 403, 404, 412, 413, 415, 422, 429, 503];

function json(schema: Schema, examples: Record<string, { summary: string; value: unknown }>, required = true): Operation['body'] {
  return { required, content: { 'application/json': { schema, examples } } };
}

function command(
  operation: Omit<Operation, 'tag' | 'headers' | 'responses' | 'params'>,
  extraRefusals: number[] = [],
): Operation {
  return {
    tag: 'commands',
    params: ID,
    headers: COMMAND_HEADERS,
    responses: { 200: CHANGED, ...problems(...[...REFUSALS, ...extraRefusals].sort()) },
    ...operation,
  };
}

const categoryLabel = text(200, { example: 'Diplomacy' });
const categoryInput = {
  label: categoryLabel,
  code: optional(text(200, { description: 'e.g. an IPTC Media Topic code', example: 'medtop:20000639' })),
};

/** A category added on its own is named by its label, its Media Topic code, or both. */
const LABEL_OR_CODE = {
  if: { required: ['code'], properties: { code: { type: 'string' } } },
  else: { required: ['label'], properties: { label: { type: 'string' } } },
  description: 'label, code or both: without a code, label is required.',
};

const ADD_CATEGORY_DESCRIPTION =
  'Categories are IPTC Media Topics (see GET /categories) or house tags. A `code` under `medtop:` must be an active topic of the shipped release, else 422 (`/problems/unknown-media-topic`, naming it); with only such a code the label is IPTC’s. A label that is a topic’s label (case aside) without a code gets the topic’s code. Any other label is a house tag, with the code given (a house code, which then needs a label: 422 without) or none. The slug is derived from the label, as always.';

const SAMPLE_OPENING =
  'The summit between US President Joe Biden and Russian President Vladimir Putin ended on Wednesday after more than four hours of meeting in Geneva, Switzerland.';

const createArticle: Operation = {
  operationId: 'createArticle',
  method: 'post',
  path: '/articles',
  tag: 'commands',
  summary: 'Create an article (ArticleCreated)',
  description:
    'As JSON, or the raw story as text/plain: blocks split on blank lines; a one-line block without closing punctuation followed by more text is a subheading (the first is the headline when none is given); a last block `Categorized in: A, B` becomes categories.',
  access: ['reporter', 'editor'],
  headers: { 'Idempotency-Key': COMMAND_HEADERS['Idempotency-Key'], 'X-Request-Id': COMMAND_HEADERS['X-Request-Id'] },
  body: {
    required: true,
    content: {
      'application/json': {
        schema: object(
          {
            headline: nullable(text(1000)),
            byline: nullable(text(500)),
            dateline: nullable(text(500)),
            body: text(1_000_000, { description: 'The story as text, split into blocks as text/plain is.' }),
            categories: optional(arrayOf(object(categoryInput, ['label']), { maxItems: 100 })),
          },
          ['body'],
        ),
        examples: {
          json: {
            summary: 'A short story with a headline, a subheading and a category',
            value: {
              headline: 'Biden and Putin end Geneva summit after four hours',
              byline: 'By Newsroom staff',
              dateline: 'GENEVA',
              body: `${SAMPLE_OPENING}\n\nSummit progress: Cybersecurity and diplomacy\n\nMeanwhile, Putin said that the US and Russian ambassadors will return to their diplomatic posts.`,
              categories: [{ label: 'Diplomacy', code: 'medtop:20000639' }],
            },
          },
        },
      },
      'text/plain': {
        schema: text(1_000_000, { description: 'The raw story' }),
        examples: {
          story: { summary: 'The opening of the sample story', value: `${SAMPLE_OPENING}\n\nCategorized in: Diplomacy` },
        },
      },
    },
  },
  responses: {
    201: articleAnswer('Created: the article at revision 1', {
      Location: {
        description: 'The new article’s path',
        schema: { type: 'string', example: '/articles/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed' },
      },
    }),
    ...problems(400, 401, 403, 413, 415, 422, 429, 503),
  },
};

const findReplace = (examples: Record<string, { summary: string; value: unknown }>) =>
  json(
    object(
      {
        find: text(10_000, { description: 'Text to replace. Straight and typographic quotes match each other.' }),
        replace: text(10_000, { description: 'Stored exactly as typed; may be empty.' }, { allowEmpty: true }),
        reason: reason(true),
        blockId: optional(text(50, { description: 'Only look in this block.', example: 'b9' })),
        occurrence: optional(
          wholeNumber(1, 1_000_000, { description: 'Which match (1-based) when `find` occurs several times.' }),
        ),
        notice: optional(text(5000, { description: 'A public correction notice appended in the same event.' })),
        noticeKind: optional({ type: 'string', enum: NOTICE_KINDS, default: 'correction' }),
      },
      ['find', 'replace', 'reason'],
    ),
    examples,
  );

/** Restore to, or revert, one revision: which, and why. */
const REVISION_AND_REASON = object({ revision: wholeNumber(1, MAX_INT), reason: reason(true) }, ['revision', 'reason']);

/** A passage is named by its text, or by a block and a range of its current text. */
const TEXT_OR_RANGE = {
  if: { required: ['text'], properties: { text: { type: 'string' } } },
  else: { required: ['blockId', 'range'], properties: { blockId: { type: 'string' }, range: { type: 'object' } } },
  description: 'text, or blockId and range (not both): without text, blockId and range are required.',
};

const REDACTION_DESCRIPTION =
  'For the `legal` role only. Takes a passage out of the article’s whole history: every earlier stored event that holds it (its data, and the reason recorded with it; quotes folded as find-and-replace folds them) is rewritten in the log with `[redacted]` in its place, through the one database function the append-only trigger lets through, and a `PassageRedacted` event is appended that names the rewritten revisions and the authority, never the passage. In the same transaction every read model of the article is folded again from the rewritten log: current and past revisions, history summaries, diffs, exports, the corrections feed and `/events` then read `[redacted]`. The hash chain still verifies (`GET /articles/{id}/audit` lists the redaction). A passage that only older revisions hold (a name corrected away) is found there. 422 when the passage is blank or part of the marker (`/problems/invalid-passage`), stands in no revision (`/problems/passage-not-found`), or appears in the reason, the authority or an earlier redaction, which would keep it (`/problems/passage-in-redaction`). The redaction is final: it cannot be reverted, restored to or redacted. If-Match is strict here (no merge). The old row versions stay on disk until VACUUM, and backups, WAL archives and replicas hold the text until they expire (see the README).';

export const COMMAND_OPERATIONS: Operation[] = [
  createArticle,
  command({
    operationId: 'setHeadline',
    method: 'put',
    path: '/articles/{id}/headline',
    summary: 'Set the headline (HeadlineChanged)',
    access: ['reporter', 'editor'],
    body: json(object({ headline: text(1000), reason: reason(true) }, ['headline', 'reason']), {
      headline: {
        summary: 'A headline for publication',
        value: { headline: 'Biden and Putin end Geneva summit after four hours', reason: 'Add a headline before publication' },
      },
    }),
  }),
  command({
    operationId: 'fixAttribution',
    method: 'post',
    path: '/articles/{id}/attribution-fixes',
    summary: 'Fix an attribution by find and replace (AttributionFixed)',
    access: ['reporter', 'editor'],
    body: findReplace({
      chance: {
        summary: 'The question came from CNN’s correspondent',
        value: {
          find: "Citizen Free Press's Matthew Chance",
          replace: 'CNN’s Matthew Chance',
          reason: 'The question came from CNN’s correspondent',
          blockId: 'b9',
          notice:
            'An earlier version of this article misattributed a question to Citizen Free Press; it was asked by CNN’s Matthew Chance.',
        },
      },
    }),
  }),
  command({
    operationId: 'correctText',
    method: 'post',
    path: '/articles/{id}/text-corrections',
    summary: 'Correct text by find and replace (TextCorrected)',
    access: ['reporter', 'editor'],
    body: findReplace({
      translation: {
        summary: 'A mistranslated phrase',
        value: {
          find: 'a La Casa official said. White.',
          replace: 'a White House official said.',
          reason: 'Mistranslated from Spanish',
        },
      },
    }),
  }),
  command({
    operationId: 'addCategory',
    method: 'post',
    path: '/articles/{id}/categories',
    summary: 'Add a category (CategoryAdded); an existing slug changes nothing',
    description: ADD_CATEGORY_DESCRIPTION,
    access: ['reporter', 'editor'],
    // label is optional like every field a command may leave out (null reads as absent); LABEL_OR_CODE says when it is needed.
    body: json(object({ ...categoryInput, label: optional(categoryLabel), reason: reason(false) }, [], LABEL_OR_CODE), {
      diplomacy: {
        summary: 'The IPTC Media Topic “diplomacy”',
        value: { label: 'Diplomacy', code: 'medtop:20000639', reason: 'The story is about the summit’s diplomacy' },
      },
      code: {
        summary: 'Only a Media Topic’s code: the label is IPTC’s (“summit meeting”)',
        value: { code: 'medtop:20000640', reason: 'Suggested from the story’s words' },
      },
      label: {
        summary: 'Only a label that is a Media Topic’s: the code is filled (medtop:20000638)',
        value: { label: 'International relations' },
      },
      house: {
        summary: 'A house tag: a free label without a code',
        value: { label: 'Geneva summit 2021', reason: 'Our series page' },
      },
    }),
  }),
  {
    ...command({
      operationId: 'removeCategory',
      method: 'delete',
      path: '/articles/{id}/categories/{slug}',
      summary: 'Remove a category (CategoryRemoved); an absent slug changes nothing',
      access: ['reporter', 'editor'],
      body: json(
        object({ reason: reason(false) }),
        { reason: { summary: 'Why', value: { reason: 'Not about diplomacy after all' } } },
        false,
      ),
    }),
    params: { ...ID, slug: { type: 'string', minLength: 1, description: 'The category’s slug', example: 'diplomacy' } },
  },
  command({
    operationId: 'publish',
    method: 'post',
    path: '/articles/{id}/publication',
    summary: 'Publish (ArticlePublished); needs a headline',
    access: ['editor'],
    body: json(
      object({ reason: reason(false) }),
      { ready: { summary: 'Ready', value: { reason: 'Ready for the front page' } } },
      false,
    ),
  }),
  command({
    operationId: 'withdraw',
    method: 'delete',
    path: '/articles/{id}/publication',
    summary: 'Withdraw (ArticleWithdrawn)',
    access: ['editor'],
    body: json(object({ reason: reason(true) }, ['reason']), {
      legal: { summary: 'Legal review', value: { reason: 'Legal review pending' } },
    }),
  }),
  command({
    operationId: 'restore',
    method: 'post',
    path: '/articles/{id}/restorations',
    summary: 'Restore the content of a past revision, as a new revision (ArticleRestored)',
    access: ['editor'],
    body: json(REVISION_AND_REASON, {
      headlined: {
        summary: 'Back to the story as first headlined, before the later edits',
        value: { revision: 2, reason: 'The later edits introduced an error' },
      },
    }),
  }),
  command(
    {
      operationId: 'revert',
      method: 'post',
      path: '/articles/{id}/reverts',
      summary: 'Undo the change made at one revision, keeping later ones (ChangeReverted)',
      access: ['editor'],
      body: json(REVISION_AND_REASON, {
        category: {
          summary: 'Undo the category added at revision 5, keeping the corrections made before and after it',
          value: { revision: 5, reason: 'The story is not about diplomacy after all' },
        },
      }),
    },
    [409],
  ),
  {
    ...command(
      {
        operationId: 'redactPassage',
        method: 'post',
        path: '/articles/{id}/redactions',
        summary: 'Redact a passage from every revision, on a legal authority (PassageRedacted)',
        description: REDACTION_DESCRIPTION,
        access: ['legal'],
        body: json(
          object(
            {
              text: optional(
                text(10_000, { description: 'The passage, as it stands in the article now or in any earlier revision.' }),
              ),
              blockId: optional(
                text(50, { description: 'The block of the current article that holds the passage.', example: 'b9' }),
              ),
              range: optional(
                object({ start: wholeNumber(0, 1_000_000), end: wholeNumber(1, 1_000_000) }, ['start', 'end'], {
                  description: 'Where the passage stands in the block’s text: UTF-16 offsets, end exclusive.',
                }),
              ),
              reason: reason(true),
              authority: text(2000, {
                description: 'The court order, settlement or decision that requires it: recorded, and listed by the audit.',
              }),
            },
            ['reason', 'authority'],
            TEXT_OR_RANGE,
          ),
          {
            name: {
              summary: 'A name, wherever it stood in the story’s history',
              value: {
                text: 'Matthew Chance',
                reason: 'Court order',
                authority: 'High Court of Justice, injunction HC-2026-117',
              },
            },
            range: {
              summary: 'A passage of the current text, by block and range (“Joe Biden” in b1)',
              value: {
                blockId: 'b1',
                range: { start: 32, end: 41 },
                reason: 'Source protection',
                authority: 'Editor-in-chief, source-protection decision 2026-12',
              },
            },
          },
        ),
      },
      [],
    ),
    responses: {
      200: {
        description: 'The article at the redaction’s revision, and the revisions rewritten',
        headers: ANSWER_HEADERS,
        content: { 'application/json': { schema: ref('RedactionResult') } },
      },
      ...problems(...REFUSALS),
    },
  },
];
