import type { Block } from './article';
import { findMatches } from './find-text';

const blocks: Block[] = [
  {
    id: 'b1',
    type: 'paragraph',
    text: 'As for Ukraine’s accession to NATO, “I don’t think there is anything to discuss there,” he said.',
  },
  {
    id: 'b2',
    type: 'paragraph',
    text: 'a question from Citizen Free Press’s Matthew Chance. Citizen Free Press’s Matthew Chance again.',
  },
  { id: 'b3', type: 'paragraph', text: 'aaaa "straight" and \'single\'' },
];

describe('findMatches', () => {
  it('given a straight apostrophe, then it finds the curly one and returns the text as it stands', () => {
    const [first] = findMatches(blocks, "Citizen Free Press's Matthew Chance");
    expect(first).toEqual({ blockId: 'b2', start: 16, end: 51, text: 'Citizen Free Press’s Matthew Chance' });
  });

  it('given straight double quotes, then they find the typographic ones', () => {
    const matches = findMatches(blocks, '"I don\'t think');
    expect(matches).toEqual([{ blockId: 'b1', start: 36, end: 50, text: '“I don’t think' }]);
  });

  it('given typographic quotes, then they find straight ones too', () => {
    expect(findMatches(blocks, '“straight”').map((match) => match.text)).toEqual(['"straight"']);
    expect(findMatches(blocks, '‘single’').map((match) => match.text)).toEqual(["'single'"]);
  });

  it('given several occurrences, then all, in block order then offset', () => {
    const matches = findMatches(blocks, 'Citizen Free Press');
    expect(matches.map((match) => [match.blockId, match.start])).toEqual([
      ['b2', 16],
      ['b2', 53],
    ]);
  });

  it('given a repeating pattern, then matches do not overlap', () => {
    expect(findMatches(blocks, 'aa', 'b3').map((match) => [match.start, match.end])).toEqual([
      [0, 2],
      [2, 4],
    ]);
  });

  it('given a blockId, then only that block is searched', () => {
    expect(findMatches(blocks, 'Ukraine', 'b2')).toEqual([]);
    expect(findMatches(blocks, 'Ukraine', 'b1')).toHaveLength(1);
  });

  it('given an unknown blockId, then BlockNotFound', () => {
    expect(() => findMatches(blocks, 'Ukraine', 'b99')).toThrow(expect.objectContaining({ code: 'BlockNotFound' }));
  });

  it('given an exact match only (no case folding), then a different case is not found', () => {
    expect(findMatches(blocks, 'ukraine')).toEqual([]);
  });

  it('given an empty find, then nothing matches', () => {
    expect(findMatches(blocks, '')).toEqual([]);
  });
});
