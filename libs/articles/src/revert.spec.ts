import type { ArticleCommand } from './commands';
import { decide } from './decide';
import type { ChangeReverted } from './events';
import { append, EDITOR, givenSample, refusal, type Stream, textOf, when } from './testing/given';

const fixChance: ArticleCommand = {
  type: 'FixAttribution',
  find: "Citizen Free Press's Matthew Chance",
  replace: "CNN's Matthew Chance",
  notice: 'An earlier version misattributed the question.',
};
const fixPress: ArticleCommand = { type: 'FixAttribution', find: "Citizen Free Press's", replace: "CNN's" };
const correct = (find: string, replace: string): ArticleCommand => ({ type: 'CorrectText', find, replace });
const revert = (revision: number): ArticleCommand => ({ type: 'RevertChange', revision });

/** Applies the revert and returns the new stream (fails when the revert was refused or null). */
function reverted(stream: Stream, revision: number): Stream {
  const event = when(stream, revert(revision));
  if (event === null) throw new Error('Expected a ChangeReverted');
  return append(stream, event);
}

const ORIGINAL_B9 = givenSample().state.blocks[8].text;

describe('decide RevertChange: what cannot be reverted', () => {
  const stream = givenSample({ type: 'ChangeHeadline', headline: 'H' }, { type: 'PublishArticle' }, { type: 'WithdrawArticle' });

  it.each([
    [1, 'ArticleCreated'],
    [3, 'ArticlePublished'],
    [4, 'ArticleWithdrawn'],
  ])('given revision %d (%s), then NotRevertible', (revision) => {
    expect(refusal(() => when(stream, revert(revision))).code).toBe('NotRevertible');
  });

  it.each([0, 5])('given revision %d, then RevisionNotFound', (revision) => {
    expect(refusal(() => when(stream, revert(revision))).code).toBe('RevisionNotFound');
  });
});

describe('decide RevertChange of a text edit', () => {
  it('given no later change, then the found text goes back; the notice stays published', () => {
    const stream = givenSample(fixChance);
    const event = when(stream, revert(2)) as ChangeReverted;
    expect(event.data).toMatchObject({ revision: 2, revertedType: 'AttributionFixed' });
    const after = append(stream, event).state;
    expect(textOf({ state: after, history: [] }, 'b9')).toBe(ORIGINAL_B9);
    expect(after.corrections).toHaveLength(1);
  });

  it('given a later edit before the range in the same block, then the range shifts and the revert applies', () => {
    const stream = givenSample(fixChance, correct('cyberspace is extraordinarily important', 'cyberspace matters'));
    const after = reverted(stream, 2);
    expect(textOf(after, 'b9')).toBe(ORIGINAL_B9.replace('cyberspace is extraordinarily important', 'cyberspace matters'));
  });

  it('given later edits after the range and in other blocks, then the revert applies', () => {
    const stream = givenSample(fixPress, correct('Matthew Chance.', 'Matthew Chance, on Wednesday.'), correct('Geneva', 'Genf'));
    const after = reverted(stream, 2);
    expect(textOf(after, 'b9')).toBe(ORIGINAL_B9.replace('Matthew Chance.', 'Matthew Chance, on Wednesday.'));
    expect(textOf(after, 'b1')).toContain('Genf');
  });

  it('given a later edit overlapping the replaced text, then RevertConflict naming it', () => {
    const stream = givenSample(fixChance, correct("CNN's", 'CNN’s'), correct('Geneva', 'Genf'));
    const error = refusal(() => when(stream, revert(2)));
    expect(error.code).toBe('RevertConflict');
    expect(error.details).toMatchObject({ conflictingRevisions: [3] });
    expect(error.message).toContain('revision 3');
  });

  it('given a later restore that changed the block, then RevertConflict naming every conflicting revision', () => {
    const stream = givenSample(
      fixPress,
      correct('Chance.', 'Chance of CNN.'),
      { type: 'RestoreArticle', revision: 2 },
      correct("CNN's", 'CNN’s'),
    );
    const error = refusal(() => when(stream, revert(2)));
    expect(error.details).toMatchObject({ conflictingRevisions: [4, 5] });
    expect(error.message).toContain('revisions 4 and 5');
  });

  it('given the edit was reverted already, then reverting it again conflicts with that revert', () => {
    const stream = reverted(givenSample(fixChance), 2);
    expect(refusal(() => when(stream, revert(2))).details).toMatchObject({ conflictingRevisions: [3] });
  });

  it('given a deletion (empty replacement), then the deleted text comes back', () => {
    const stream = givenSample(correct(' extraordinarily', ''), correct('cyberspace', 'cyber space'));
    expect(textOf(reverted(stream, 2), 'b9')).toBe(ORIGINAL_B9.replace('cyberspace', 'cyber space'));
  });
});

describe('decide RevertChange field by field', () => {
  const headline = (text: string): ArticleCommand => ({ type: 'ChangeHeadline', headline: text });
  const add = (label: string): ArticleCommand => ({ type: 'AddCategory', label });
  const remove = (slug: string): ArticleCommand => ({ type: 'RemoveCategory', slug });

  it('given a headline change and later unrelated changes, then the headline goes back', () => {
    const stream = givenSample(headline('First'), headline('Second'), add('Diplomacy'), fixChance);
    const after = reverted(stream, 3).state;
    expect(after.headline).toBe('First');
    expect(after.categories.map((category) => category.slug)).toEqual(['diplomacy']);
    expect(after.blocks[8].text).toContain('CNN');
  });

  it('given a later headline change, then reverting an earlier one conflicts', () => {
    const stream = givenSample(headline('First'), headline('Second'));
    expect(refusal(() => when(stream, revert(2))).details).toMatchObject({ conflictingRevisions: [3] });
  });

  it('given a category added, then reverting removes it; given one removed, then reverting brings it back last', () => {
    const stream = givenSample(add('Diplomacy'), add('Cybersecurity'), remove('diplomacy'));
    expect(reverted(stream, 3).state.categories.map((category) => category.slug)).toEqual([]);
    expect(reverted(stream, 4).state.categories.map((category) => category.slug)).toEqual(['cybersecurity', 'diplomacy']);
  });

  it('given a category added then removed later, then reverting the addition conflicts', () => {
    const stream = givenSample(add('Diplomacy'), remove('diplomacy'));
    expect(refusal(() => when(stream, revert(2))).code).toBe('RevertConflict');
  });

  it('given a restore, then reverting it puts back what the restore replaced', () => {
    const stream = givenSample(headline('First'), add('Diplomacy'), { type: 'RestoreArticle', revision: 1 }, add('Cyber'));
    const after = reverted(stream, 4).state;
    expect(after.headline).toBe('First');
    expect(after.categories.map((category) => category.slug)).toEqual(['cyber', 'diplomacy']);
  });

  it('given a revert, then reverting that revert re-applies the change', () => {
    const stream = reverted(givenSample(headline('First'), headline('Second')), 3);
    expect(stream.state.headline).toBe('First');
    expect(reverted(stream, 4).state.headline).toBe('Second');
  });

  it('given a restore that only changed the order of categories, then reverting it changes nothing: null', () => {
    const stream = givenSample(add('A'), add('B'), remove('a'), add('A'), { type: 'RestoreArticle', revision: 3 });
    expect(stream.state.categories.map((category) => category.slug)).toEqual(['a', 'b']);
    expect(when(stream, revert(6))).toBeNull();
  });

  it('given a published article, when the revert would remove its headline, then HeadlineRequired', () => {
    const stream = givenSample(headline('First'), { type: 'PublishArticle' });
    expect(refusal(() => when(stream, revert(2))).code).toBe('HeadlineRequired');
  });
});

describe('decide RevertChange: the events it is given', () => {
  const stream = givenSample(fixChance, correct('Geneva', 'Genf'), correct('cyberspace', 'cyber space'));

  it('given no events, then it throws: the handler must read them', () => {
    expect(() => decide(revert(2), stream.state, { actor: EDITOR })).toThrow(/history/);
  });

  const revertOf = (reverted: number, later: number[], through = 4) => ({
    reverted: stream.history[reverted - 1],
    laterTouching: later.map((revision) => stream.history[revision - 1]),
    through,
  });

  it('given the fix and the later edit of its block only, then it decides as on every later event', () => {
    expect(decide(revert(2), stream.state, { actor: EDITOR, past: { revertOf: revertOf(2, [4]) } })).toEqual(
      when(stream, revert(2)),
    );
  });

  it.each([
    ['another revision', revertOf(3, [4]), /is revision 3 up to 4, not 2 up to 4/],
    ['later events looked for short of the current revision', revertOf(2, [], 3), /is revision 2 up to 3, not 2 up to 4/],
    ['a later event that changed another block', revertOf(2, [3, 4]), /Revision 3 .* is not a later change/],
    ['later events out of order', revertOf(2, [4, 4]), /Revision 4 .* is not a later change/],
    ['the reverted event again among the later ones', revertOf(2, [2, 4]), /Revision 2 .* is not a later change/],
  ])('given %s, then it throws', (_name, past, message) => {
    expect(() => decide(revert(2), stream.state, { actor: EDITOR, past: { revertOf: past } })).toThrow(message);
  });
});
