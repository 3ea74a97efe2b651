import type { Operation } from './operation';
import { problems } from './problems';
import { ok, read } from './read-operations';
import { ref, text, uuid, wholeNumber } from './schema-kit';

/** Look-ups in the IPTC Media Topics the API ships, and topics suggested for a story. */

/** Topics answered to a look-up when no ?limit is given: enough for a list under a text field. */
export const TOPIC_LOOKUP_SIZE = 10;
/** Suggestions answered when no ?limit is given: a few, to be read, not scrolled. */
export const SUGGESTION_COUNT = 5;

const SUGGESTION_SCORING = [
  'Topics are matched against the words of the headline and every block.',
  'Words are folded (case, accents); stop words and words under three letters are left out; plurals are made singular.',
  'A topic’s word and a story’s word match when they are the same word, or share their first seven letters with at most three more each (`diplomatic` matches `diplomacy`).',
  'Each matched word counts its rarity among the topics, ln(topics / topics using the word), times how often the story uses it (at most 3).',
  'Label words count twice, scaled by the share of the label’s words found; definition words count once, and only for a topic with a label word in the story; a story word counts once per topic.',
  'Highest score first (then by label); topics the article already has (by code or label) are left out.',
  '`matched` lists the story’s words behind each suggestion.',
].join(' ');

const DIPLOMACY_DEFINITION =
  'Negotiations between representatives of nations or groups of nations and the diplomats who are involved in the talks';

/** The sample story's first four suggestions (GET /articles/{id}/category-suggestions?limit=4), as the tests check. */
const SAMPLE_SUGGESTIONS = {
  revision: 1,
  items: [
    {
      code: 'medtop:20000640',
      label: 'summit meeting',
      definition:
        'Meetings between high-level government officials or heads of state for the purpose of diplomatic negotiations to ease international tensions or to discuss common goals',
      broader: { code: 'medtop:20000639', label: 'diplomacy' },
      score: 117.45,
      matched: {
        label: ['summit', 'meeting'],
        definition: ['government', 'official', 'states', 'diplomacy', 'diplomatic', 'discussed', 'discuss'],
      },
    },
    {
      code: 'medtop:20000610',
      label: 'head of state',
      definition: 'Symbolic or actual chief representative of a nation, such as a monarch, president or emir',
      broader: { code: 'medtop:20000593', label: 'government' },
      score: 29.96,
      matched: { label: ['states'], definition: ['president'] },
    },
    {
      code: 'medtop:20000591',
      label: 'freedom of the press',
      definition:
        'The right of the press to report on stories freely and efforts by governments, organizations or individuals to suppress, jail or kill journalists who are reporting the news',
      broader: { code: 'medtop:20000587', label: 'fundamental rights' },
      score: 23.73,
      matched: { label: ['press'], definition: ['government'] },
    },
    {
      code: 'medtop:20000639',
      label: 'diplomacy',
      definition: DIPLOMACY_DEFINITION,
      broader: { code: 'medtop:20000638', label: 'international relations' },
      score: 23.56,
      matched: { label: ['diplomacy', 'diplomatic'], definition: [] },
    },
  ],
};

export const CATEGORY_OPERATIONS: Operation[] = [
  read({
    operationId: 'listCategories',
    path: '/categories',
    summary: 'IPTC Media Topics by label, for picking a category as one types',
    description:
      'The shipped release of IPTC Media Topics (2025-10-09, CC BY 4.0 © IPTC; retired topics left out). Case and accents do not matter. Best first: the code itself; the label exactly; labels starting with the text; labels with a word starting with each word typed; labels containing the text; then topics whose label or definition has a word starting with each word typed; within each, shorter labels first. Without `search`, the 17 top topics.',
    access: 'signed-in',
    query: {
      properties: {
        search: text(200, { description: 'Part of a label (or of a definition), or a code', example: 'diplomacy' }),
        limit: wholeNumber(1, 50, { default: TOPIC_LOOKUP_SIZE, example: 3 }),
      },
    },
    responses: {
      200: {
        ...ok(ref('MediaTopicList'), 'The matching topics, best first'),
        content: {
          'application/json': {
            schema: ref('MediaTopicList'),
            examples: {
              diplomacy: {
                summary: '?search=diplomacy&limit=3',
                value: {
                  items: [
                    {
                      code: 'medtop:20000639',
                      label: 'diplomacy',
                      definition: DIPLOMACY_DEFINITION,
                      broader: { code: 'medtop:20000638', label: 'international relations' },
                    },
                    {
                      code: 'medtop:20000643',
                      label: 'foreign aid',
                      definition:
                        'Support from one nation to another for purposes such as disaster, general economic development or diplomacy',
                      broader: { code: 'medtop:20000638', label: 'international relations' },
                    },
                    {
                      code: 'medtop:20000638',
                      label: 'international relations',
                      definition: 'Relations between nations through negotiation, treaty, or diplomacy',
                      broader: { code: 'medtop:11000000', label: 'politics and government' },
                    },
                  ],
                },
              },
            },
          },
        },
      },
      ...problems(400, 401, 429, 503),
    },
  }),
  read({
    operationId: 'suggestCategories',
    path: '/articles/{id}/category-suggestions',
    summary: 'IPTC Media Topics the article’s words suggest, each with the words that suggest it',
    description: SUGGESTION_SCORING,
    access: 'signed-in',
    params: { id: uuid({ description: 'The article’s id' }) },
    query: { properties: { limit: wholeNumber(1, 20, { default: SUGGESTION_COUNT, example: 4 }) } },
    responses: {
      200: {
        ...ok(ref('CategorySuggestions'), 'Suggestions for the current revision, best first'),
        content: {
          'application/json': {
            schema: ref('CategorySuggestions'),
            examples: { sample: { summary: 'The sample story (“Categorized in:” empty), ?limit=4', value: SAMPLE_SUGGESTIONS } },
          },
        },
      },
      ...problems(400, 401, 404, 429, 503),
    },
  }),
];
