import { arrayOf, MAX_INT, nullable, object, ref, type Schema } from './schema-kit';

/** The shapes of the Media Topic look-ups and suggestions, closed like every answer. */
const code = { type: 'string', pattern: '^medtop:[0-9]{8}$', description: 'The topic’s qcode', example: 'medtop:20000639' };
const label = { type: 'string', description: 'IPTC’s English label, in its own lower case', example: 'diplomacy' };
const definition = {
  type: 'string',
  example: 'Negotiations between representatives of nations or groups of nations and the diplomats who are involved in the talks',
};
const broader = nullable(
  object(
    { code: { ...code, example: 'medtop:20000638' }, label: { ...label, example: 'international relations' } },
    ['code', 'label'],
    {
      description: 'The parent topic; null for the 17 top topics',
    },
  ),
);

const MediaTopic = object({ code, label, definition, broader }, ['code', 'label', 'definition', 'broader']);

const MediaTopicList = object({ items: arrayOf(ref('MediaTopic')) }, ['items']);

const words = (description: string): Schema => arrayOf({ type: 'string' }, { description });

const CategorySuggestion = object(
  {
    code,
    label,
    definition,
    broader,
    score: { type: 'number', minimum: 0, description: 'What the suggestions are ranked by (two decimals)', example: 23.56 },
    matched: object(
      {
        label: words('The story’s words (folded) that matched words of the label'),
        definition: words('The story’s words that matched words of the definition (not of the label)'),
      },
      ['label', 'definition'],
      { description: 'Why it is suggested' },
    ),
  },
  ['code', 'label', 'definition', 'broader', 'score', 'matched'],
);

const CategorySuggestions = object(
  {
    revision: { type: 'integer', minimum: 1, maximum: MAX_INT, description: 'The revision whose words were read' },
    items: arrayOf(ref('CategorySuggestion')),
  },
  ['revision', 'items'],
);

export const CATEGORY_SCHEMAS: Record<string, Schema> = { MediaTopic, MediaTopicList, CategorySuggestion, CategorySuggestions };
