import fc from 'fast-check';
import { diffText } from './article-diff';

const join = (ops: Array<{ op: string; text: string }>, keep: string) =>
  ops
    .filter((o) => o.op === 'equal' || o.op === keep)
    .map((o) => o.text)
    .join('');

describe('diffText', () => {
  it('keeps every character: equal+delete gives the old text, equal+insert the new', () => {
    const words = fc.array(fc.constantFrom('La', 'Casa', 'White', 'House', 'official', 'said.', ' ', '  ', '\n', '’s', 'CNN'), {
      maxLength: 30,
    });
    fc.assert(
      fc.property(words, words, (a, b) => {
        const before = a.join('');
        const after = b.join('');
        const ops = diffText(before, after);
        expect(join(ops, 'delete')).toBe(before);
        expect(join(ops, 'insert')).toBe(after);
      }),
      { numRuns: 500 },
    );
  });

  it('treats a missing field as empty text', () => {
    expect(diffText(null, 'GENEVA')).toEqual([{ op: 'insert', text: 'GENEVA' }]);
    expect(diffText(null, null)).toEqual([]);
  });
});
