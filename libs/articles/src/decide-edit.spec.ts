import type { ArticleCommand } from './commands';
import type { AttributionFixed, TextCorrected } from './events';
import { givenSample, refusal, REPORTER, when } from './testing/given';

const fixChance: ArticleCommand = {
  type: 'FixAttribution',
  find: "Citizen Free Press's Matthew Chance",
  replace: "CNN's Matthew Chance",
};

describe('decide ChangeHeadline', () => {
  it('given a draft, when a reporter sets a headline, then HeadlineChanged from null (trimmed)', () => {
    expect(when(givenSample(), { type: 'ChangeHeadline', headline: ' Summit ends ' }, REPORTER)).toEqual({
      type: 'HeadlineChanged',
      data: { before: null, after: 'Summit ends' },
    });
  });

  it('given the same headline, then null', () => {
    const stream = givenSample({ type: 'ChangeHeadline', headline: 'Summit ends' });
    expect(when(stream, { type: 'ChangeHeadline', headline: 'Summit ends  ' })).toBeNull();
  });

  it('given a blank headline, then HeadlineRequired', () => {
    expect(refusal(() => when(givenSample(), { type: 'ChangeHeadline', headline: ' ' })).code).toBe('HeadlineRequired');
  });
});

describe('decide FixAttribution and CorrectText', () => {
  it('given a straight apostrophe, then it finds the curly one; the replacement is stored as typed', () => {
    const event = when(givenSample(), fixChance) as AttributionFixed;
    expect(event.type).toBe('AttributionFixed');
    expect(event.data).toMatchObject({
      blockId: 'b9',
      found: 'Citizen Free Press’s Matthew Chance',
      replacement: "CNN's Matthew Chance",
      notice: null,
    });
    const { before, after, range } = event.data;
    expect(before.slice(range.start, range.end)).toBe('Citizen Free Press’s Matthew Chance');
    expect(after).toBe(`${before.slice(0, range.start)}CNN's Matthew Chance${before.slice(range.end)}`);
  });

  it('given a notice without a kind, then the notice is a correction', () => {
    const command: ArticleCommand = {
      type: 'CorrectText',
      find: 'a La Casa official said. White.',
      replace: 'a White House official said.',
      notice: 'An earlier version garbled the attribution.',
    };
    const event = when(givenSample(), command) as TextCorrected;
    expect(event.type).toBe('TextCorrected');
    expect(event.data.blockId).toBe('b5');
    expect(event.data.notice).toEqual({ kind: 'correction', text: 'An earlier version garbled the attribution.' });
  });

  it('given a notice kind, then it is kept', () => {
    const command: ArticleCommand = { ...fixChance, type: 'CorrectText', notice: 'Clarified.', noticeKind: 'clarification' };
    expect((when(givenSample(), command) as TextCorrected).data.notice).toEqual({ kind: 'clarification', text: 'Clarified.' });
  });

  it('given text that does not occur, then TextNotFound', () => {
    const error = refusal(() => when(givenSample(), { ...fixChance, find: 'Fox News' }));
    expect(error.code).toBe('TextNotFound');
  });

  it('given text that occurs several times and no occurrence, then AmbiguousMatch saying how many', () => {
    const error = refusal(() => when(givenSample(), { type: 'CorrectText', find: 'Putin said', replace: 'Putin stated' }));
    expect(error.code).toBe('AmbiguousMatch');
    expect(error.details).toEqual({ matches: 4 });
    expect(error.message).toContain('4 times');
  });

  it('given an occurrence, then that match is replaced', () => {
    const command: ArticleCommand = { type: 'CorrectText', find: 'Putin said', replace: 'Putin stated', occurrence: 3 };
    expect((when(givenSample(), command) as TextCorrected).data.blockId).toBe('b11');
  });

  it.each([5, 0])('given occurrence %d of 4, then OccurrenceOutOfRange', (occurrence) => {
    const command: ArticleCommand = { type: 'CorrectText', find: 'Putin said', replace: 'x', occurrence };
    const error = refusal(() => when(givenSample(), command));
    expect(error.code).toBe('OccurrenceOutOfRange');
    expect(error.details).toMatchObject({ matches: 4, occurrence });
  });

  it('given a blockId, then only that block is searched', () => {
    const command: ArticleCommand = { type: 'CorrectText', find: 'Putin said', replace: 'Putin stated', blockId: 'b13' };
    expect((when(givenSample(), command) as TextCorrected).data.blockId).toBe('b13');
    expect(refusal(() => when(givenSample(), { ...command, blockId: 'b1' })).code).toBe('TextNotFound');
  });

  it('given an unknown blockId, then BlockNotFound', () => {
    expect(refusal(() => when(givenSample(), { ...fixChance, blockId: 'b42' })).code).toBe('BlockNotFound');
  });

  it('given a replacement equal to the text found, then null', () => {
    expect(when(givenSample(), { ...fixChance, replace: 'Citizen Free Press’s Matthew Chance' })).toBeNull();
  });
});

describe('decide AddCategory and RemoveCategory', () => {
  it('given a new label, then CategoryAdded with its slug and code', () => {
    expect(when(givenSample(), { type: 'AddCategory', label: 'Diplomacy', code: 'medtop:20000639' })).toEqual({
      type: 'CategoryAdded',
      data: { category: { slug: 'diplomacy', label: 'Diplomacy', code: 'medtop:20000639' } },
    });
  });

  it('given a label whose slug exists, then null', () => {
    const stream = givenSample({ type: 'AddCategory', label: 'US–Russia Relations' });
    expect(when(stream, { type: 'AddCategory', label: 'us russia relations' })).toBeNull();
  });

  it('given a label with nothing to slug, then InvalidCategory', () => {
    expect(refusal(() => when(givenSample(), { type: 'AddCategory', label: '!!' })).code).toBe('InvalidCategory');
  });

  it('given an existing slug, then CategoryRemoved carrying the whole category', () => {
    const stream = givenSample({ type: 'AddCategory', label: 'Diplomacy', code: 'medtop:20000639' });
    expect(when(stream, { type: 'RemoveCategory', slug: 'diplomacy' })).toEqual({
      type: 'CategoryRemoved',
      data: { category: { slug: 'diplomacy', label: 'Diplomacy', code: 'medtop:20000639' } },
    });
  });

  it('given a slug the article does not have, then null', () => {
    expect(when(givenSample(), { type: 'RemoveCategory', slug: 'diplomacy' })).toBeNull();
  });
});

describe('the published-article lock', () => {
  const published = givenSample({ type: 'ChangeHeadline', headline: 'Summit ends' }, { type: 'PublishArticle' });
  const edits: ArticleCommand[] = [
    { type: 'ChangeHeadline', headline: 'Another' },
    fixChance,
    { ...fixChance, type: 'CorrectText' },
    { type: 'AddCategory', label: 'Diplomacy' },
    { type: 'RemoveCategory', slug: 'diplomacy' },
  ];

  it.each(edits)('given a published article, when a reporter asks $type, then PublishedArticleLocked', (command) => {
    expect(refusal(() => when(published, command, REPORTER)).code).toBe('PublishedArticleLocked');
  });

  it.each(edits)('given a published article, when an editor asks $type, then it is decided', (command) => {
    expect(() => when(published, command)).not.toThrow();
  });

  it('given a withdrawn article, when a reporter edits, then it is decided', () => {
    const withdrawn = givenSample(
      { type: 'ChangeHeadline', headline: 'H' },
      { type: 'PublishArticle' },
      { type: 'WithdrawArticle' },
    );
    expect(when(withdrawn, fixChance, REPORTER)?.type).toBe('AttributionFixed');
  });
});
