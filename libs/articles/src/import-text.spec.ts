import { importText } from './import-text';
import { SAMPLE_STORY } from './testing/sample-story';

describe('importText', () => {
  describe('given the sample story', () => {
    const imported = importText(SAMPLE_STORY);

    it('then it has 13 blocks: 12 paragraphs and 1 subheading, with ids b1 to b13', () => {
      expect(imported.blocks).toHaveLength(13);
      expect(imported.blocks.filter((block) => block.type === 'paragraph')).toHaveLength(12);
      expect(imported.blocks.map((block) => block.id)).toEqual(Array.from({ length: 13 }, (_, i) => `b${i + 1}`));
      expect(imported.blocks.filter((block) => block.type === 'subheading')).toEqual([
        { id: 'b7', type: 'subheading', text: 'Summit progress: Cybersecurity and diplomacy' },
      ]);
    });

    it('then it has no headline and no categories (the trailer is empty and is not a block)', () => {
      expect(imported.headline).toBeNull();
      expect(imported.categories).toEqual([]);
    });

    it('then the text is kept byte for byte, curly quotes and all', () => {
      const rebuilt = `${imported.blocks.map((block) => block.text).join('\n\n')}\n\nCategorized in:`;
      expect(rebuilt).toBe(SAMPLE_STORY);
      expect(imported.blocks[8].text).toContain('Citizen Free Press’s Matthew Chance');
    });
  });

  it('given a title-like first line and no headline from the caller, then it is the headline', () => {
    const imported = importText('Biden and Putin meet in Geneva\n\nThe summit ended.\n\nMore text.');
    expect(imported.headline).toBe('Biden and Putin meet in Geneva');
    expect(imported.blocks.map((block) => [block.id, block.type])).toEqual([
      ['b1', 'paragraph'],
      ['b2', 'paragraph'],
    ]);
  });

  it('given a title-like first line and a headline from the caller, then it stays as a subheading', () => {
    const imported = importText('Biden and Putin meet\n\nThe summit ended.', { headlineGiven: true });
    expect(imported.headline).toBeNull();
    expect(imported.blocks[0]).toEqual({ id: 'b1', type: 'subheading', text: 'Biden and Putin meet' });
  });

  it('given only one title-like line, then it is a paragraph (nothing follows it)', () => {
    expect(importText('Just a line')).toEqual({
      headline: null,
      blocks: [{ id: 'b1', type: 'paragraph', text: 'Just a line' }],
      categories: [],
    });
  });

  it('given CRLF, blank lines holding spaces and tabs, and runs of blank lines, then blocks split the same', () => {
    const imported = importText('  First para.  \r\n \t \r\n\r\n\r\nSecond para.\r\n\t\r\nThird para.\r\n');
    expect(imported.blocks.map((block) => block.text)).toEqual(['First para.', 'Second para.', 'Third para.']);
  });

  it('given a block of several lines, then its lines are kept (joined by \\n) and it is a paragraph', () => {
    const imported = importText('Intro.\n\nA line without stop\nand another\n\nEnd.');
    expect(imported.blocks[1]).toEqual({ id: 'b2', type: 'paragraph', text: 'A line without stop\nand another' });
  });

  it.each([
    ['He said so.', 'paragraph'],
    ['Did he?', 'paragraph'],
    ['Watch this!', 'paragraph'],
    ['And then…', 'paragraph'],
    ['The points were:', 'paragraph'],
    ['One; two;', 'paragraph'],
    ['“I don’t think there is anything to discuss there.”', 'paragraph'],
    ['‘Was it?’', 'paragraph'],
    ['(See below.)', 'paragraph'],
    ['Summit progress: Cybersecurity and diplomacy', 'subheading'],
    ['What comes next', 'subheading'],
    ['Biden says “no”', 'subheading'],
  ])('given the one-line block %j followed by more text, then it is a %s', (line, type) => {
    const imported = importText(`Intro.\n\n${line}\n\nMore.`);
    expect(imported.blocks[1].type).toBe(type);
  });

  it('given a Categorized in: trailer with labels, then they become categories, trimmed, empties dropped', () => {
    const imported = importText('Body.\n\nCategorized in: Diplomacy,  US–Russia Relations , ,Cybersecurity');
    expect(imported.blocks).toHaveLength(1);
    expect(imported.categories).toEqual([{ label: 'Diplomacy' }, { label: 'US–Russia Relations' }, { label: 'Cybersecurity' }]);
  });

  it('given a Categorized in: line that is not the last block, then it is text', () => {
    const imported = importText('Body.\n\nCategorized in: Diplomacy\n\nMore.');
    expect(imported.blocks).toHaveLength(3);
    expect(imported.categories).toEqual([]);
  });

  it('given a title-like line followed only by the trailer, then it is a paragraph, not a headline', () => {
    const imported = importText('Only line\n\nCategorized in: Diplomacy');
    expect(imported.headline).toBeNull();
    expect(imported.blocks).toEqual([{ id: 'b1', type: 'paragraph', text: 'Only line' }]);
  });

  it('given blank text, then there are no blocks', () => {
    expect(importText(' \n\n\t\n').blocks).toEqual([]);
  });
});
