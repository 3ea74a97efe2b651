import fc from 'fast-check';
import type { ArticleContent } from './article';
import type { ArticleEvent, TextEdit } from './events';
import { summarize } from './summary';

const content: ArticleContent = { headline: null, byline: null, dateline: null, blocks: [], categories: [] };
const edit: TextEdit = {
  blockId: 'b9',
  before: '',
  after: '',
  range: { start: 0, end: 0 },
  found: 'Citizen Free Press’s Matthew Chance',
  replacement: 'CNN’s Matthew Chance',
  notice: null,
};
const diplomacy = { slug: 'diplomacy', label: 'Diplomacy' };
const block = { id: 'b1', type: 'paragraph' as const, text: 'x' };

describe('summarize', () => {
  it.each<[ArticleEvent, string]>([
    [{ type: 'ArticleCreated', data: { ...content, blocks: Array(13).fill(block) } }, 'Article created (13 blocks)'],
    [{ type: 'ArticleCreated', data: { ...content, blocks: [block] } }, 'Article created (1 block)'],
    [{ type: 'HeadlineChanged', data: { before: null, after: 'Summit ends' } }, 'Headline changed to “Summit ends”'],
    [
      { type: 'AttributionFixed', data: edit },
      'Attribution fixed: “Citizen Free Press’s Matthew Chance” → “CNN’s Matthew Chance”',
    ],
    [
      {
        type: 'TextCorrected',
        data: { ...edit, found: 'a La Casa official said. White.', replacement: 'a White House official said.' },
      },
      'Text corrected: “a La Casa official said. White.” → “a White House official said.”',
    ],
    [
      { type: 'TextCorrected', data: { ...edit, notice: { kind: 'editors-note', text: 'n' } } },
      'Text corrected: “Citizen Free Press’s Matthew Chance” → “CNN’s Matthew Chance”, with an editor’s note',
    ],
    [{ type: 'CategoryAdded', data: { category: diplomacy } }, 'Category added: Diplomacy'],
    [{ type: 'CategoryRemoved', data: { category: diplomacy } }, 'Category removed: Diplomacy'],
    [{ type: 'ArticlePublished', data: {} }, 'Published'],
    [{ type: 'ArticleWithdrawn', data: {} }, 'Withdrawn'],
    [{ type: 'ArticleRestored', data: { revision: 2, before: content, content } }, 'Restored to revision 2'],
    [
      { type: 'ChangeReverted', data: { revision: 5, revertedType: 'TextCorrected', before: content, content } },
      'Reverted revision 5 (Text corrected)',
    ],
  ])('given %j, then %j', (event, line) => {
    expect(summarize(event)).toBe(line);
  });

  it('given a long fragment over several lines, then it is cut to one line', () => {
    const summary = summarize({ type: 'TextCorrected', data: { ...edit, found: `${'word '.repeat(40)}\nend` } });
    expect(summary).not.toContain('\n');
    expect(summary.length).toBeLessThan(200);
    expect(summary).toContain('…”');
  });

  it('given any fragment, then it quotes its first 79 code points and an ellipsis past 80, never half a surrogate pair', () => {
    // The plain definition, which spread every character of the text into an array.
    const reference = (text: string) => {
      const points = [...text.replace(/\s+/g, ' ')];
      return `“${points.length > 80 ? `${points.slice(0, 79).join('')}…` : points.join('')}”`;
    };
    const fragment = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 120 }),
      fc.string({ unit: fc.constantFrom('a', ' ', '\n', '😀', 'é', '\t'), minLength: 70, maxLength: 100 }),
    );
    fc.assert(
      fc.property(fragment, (found) => {
        expect(summarize({ type: 'TextCorrected', data: { ...edit, found } })).toContain(reference(found));
      }),
    );
  });

  it('given an unknown event, then it throws', () => {
    expect(() => summarize({ type: 'Nope', data: {} } as unknown as ArticleEvent)).toThrow(/Unknown article event/);
  });
});
