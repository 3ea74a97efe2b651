import type { ArticleCommand } from './commands';
import { fold } from './evolve';
import { decideStale, mergesWhenStale } from './stale-edit';
import { ARTICLE_ID, givenSample, refusal, when } from './testing/given';
import { whenStale } from './testing/stale';

const fixChance: ArticleCommand = {
  type: 'FixAttribution',
  find: "Citizen Free Press's Matthew Chance",
  replace: 'CNN’s Matthew Chance',
};
const fixLaCasa: ArticleCommand = {
  type: 'CorrectText',
  find: 'a La Casa official said. White.',
  replace: 'a White House official said.',
};

describe('decideStale: an edit whose author saw an older revision', () => {
  it('given another paragraph changed since, then it merges as the very edit made on the revision seen', () => {
    const seen = givenSample();
    const stream = givenSample(fixChance);
    expect(whenStale(stream, 1, fixLaCasa)).toEqual({ kind: 'merged', event: when(seen, fixLaCasa) });
  });

  it('given its paragraph changed since, then a conflict on that block naming the revision', () => {
    const stream = givenSample(fixChance, { type: 'ChangeHeadline', headline: 'Summit ends' });
    const edit: ArticleCommand = { type: 'CorrectText', find: 'question from', replace: 'question by' };
    expect(whenStale(stream, 1, edit)).toEqual({ kind: 'conflict', fields: ['block:b9'], revisions: [2] });
    expect(whenStale(stream, 2, edit)).toMatchObject({ kind: 'merged' });
  });

  it('given its paragraph changed and changed back, then it merges (byte-identical is what counts)', () => {
    const back: ArticleCommand = {
      type: 'CorrectText',
      find: 'a White House official said.',
      replace: 'a La Casa official said. White.',
    };
    expect(whenStale(givenSample(fixLaCasa, back), 1, { ...fixLaCasa, replace: 'an official said.' })).toMatchObject({
      kind: 'merged',
    });
  });

  it('given its find now also stands in another paragraph, then a conflict naming that paragraph; with its blockId, a merge', () => {
    const stream = givenSample({ type: 'CorrectText', find: 'diplomatic posts', replace: 'posts, Team Biden said,' });
    const edit: ArticleCommand = { type: 'CorrectText', find: 'Team Biden', replace: 'President Biden’s team' };
    expect(whenStale(stream, 1, edit)).toEqual({ kind: 'conflict', fields: ['block:b13'], revisions: [2] });
    expect(whenStale(stream, 1, { ...edit, blockId: 'b6' })).toMatchObject({ kind: 'merged' });
  });

  it('given an occurrence before the one it chose appeared, then a conflict; one after it, a merge', () => {
    const edit: ArticleCommand = { type: 'CorrectText', find: 'Putin said', replace: 'Putin stated', occurrence: 2 };
    const earlier = givenSample({ type: 'CorrectText', find: 'ended on Wednesday', replace: 'ended, Putin said, on Wednesday' });
    expect(whenStale(earlier, 1, edit)).toEqual({ kind: 'conflict', fields: ['block:b1'], revisions: [2] });
    const later = givenSample({ type: 'CorrectText', find: 'their duties', replace: 'their duties, Putin said' });
    expect(whenStale(later, 1, edit)).toMatchObject({ kind: 'merged' });
  });

  it('given text it finds only now, then a conflict: it would edit words its author never saw', () => {
    const edit: ArticleCommand = { type: 'CorrectText', find: 'White House official', replace: 'senior official' };
    expect(whenStale(givenSample(fixLaCasa), 1, edit)).toEqual({ kind: 'conflict', fields: ['block:b5'], revisions: [2] });
  });

  it('given text found neither then nor now, then a merge verdict and the refusal of now', () => {
    const stream = givenSample(fixChance);
    const edit: ArticleCommand = { type: 'CorrectText', find: 'La Casa officials', replace: 'x' };
    expect(decideStale(edit, fold(ARTICLE_ID, stream.history.slice(0, 1)), stream.state)).toEqual({ kind: 'merge' });
    expect(refusal(() => whenStale(stream, 1, edit)).code).toBe('TextNotFound');
  });

  it('given the headline changed since, then a stale headline conflicts; after other changes it merges', () => {
    const headline: ArticleCommand = { type: 'ChangeHeadline', headline: 'Biden and Putin meet' };
    const retitled = givenSample({ type: 'ChangeHeadline', headline: 'Summit ends' }, fixChance);
    expect(whenStale(retitled, 1, headline)).toEqual({ kind: 'conflict', fields: ['headline'], revisions: [2] });
    expect(whenStale(givenSample(fixChance), 1, headline)).toEqual({
      kind: 'merged',
      event: { type: 'HeadlineChanged', data: { before: null, after: 'Biden and Putin meet' } },
    });
  });

  it('given a category added since, then the same slug conflicts and another merges', () => {
    const stream = givenSample({ type: 'AddCategory', label: 'Diplomacy' });
    expect(whenStale(stream, 1, { type: 'AddCategory', label: 'diplomacy', code: 'medtop:20000639' })).toEqual({
      kind: 'conflict',
      fields: ['category:diplomacy'],
      revisions: [2],
    });
    expect(whenStale(stream, 1, { type: 'RemoveCategory', slug: 'diplomacy' })).toMatchObject({ kind: 'conflict' });
    expect(whenStale(stream, 1, { type: 'AddCategory', label: 'Geneva' })).toEqual({
      kind: 'merged',
      event: { type: 'CategoryAdded', data: { category: { slug: 'geneva', label: 'Geneva' } } },
    });
  });

  it('given a restore that changed its paragraph, then the restore is named; seen before the edit it undid, a merge', () => {
    const stream = givenSample(fixChance, { type: 'AddCategory', label: 'Geneva' }, { type: 'RestoreArticle', revision: 1 });
    expect(whenStale(stream, 2, { type: 'CorrectText', find: 'Matthew Chance', replace: 'M. Chance' })).toEqual({
      kind: 'conflict',
      fields: ['block:b9'],
      revisions: [4],
    });
    // Seen at revision 1, the paragraph is as it was: the fix and the restore cancel out.
    expect(whenStale(stream, 1, { type: 'CorrectText', find: 'Matthew Chance', replace: 'M. Chance' })).toMatchObject({
      kind: 'merged',
    });
  });

  it('keeps the strict rule for commands whose meaning is the whole story', () => {
    const strict: ArticleCommand[] = [
      { type: 'PublishArticle' },
      { type: 'WithdrawArticle' },
      { type: 'RestoreArticle', revision: 1 },
      { type: 'RevertChange', revision: 2 },
      { type: 'CreateArticle', body: 'x' },
    ];
    expect(strict.filter(mergesWhenStale)).toEqual([]);
    const edits: ArticleCommand[] = [fixChance, fixLaCasa, { type: 'ChangeHeadline', headline: 'x' }];
    expect(edits.every(mergesWhenStale)).toBe(true);
  });

  it('is asked only about an earlier revision of the same article', () => {
    const stream = givenSample(fixChance);
    expect(() => decideStale(fixLaCasa, stream.state, stream.state)).toThrow(/earlier revision/);
  });
});
