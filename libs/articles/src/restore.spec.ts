import { contentOf } from './article';
import { decide } from './decide';
import type { ArticleRestored } from './events';
import { append, EDITOR, givenSample, refusal, when } from './testing/given';

const headline = { type: 'ChangeHeadline', headline: 'Biden and Putin end Geneva summit' } as const;
const fixChance = {
  type: 'FixAttribution',
  find: "Citizen Free Press's Matthew Chance",
  replace: "CNN's Matthew Chance",
  notice: 'An earlier version misattributed the question.',
} as const;

describe('decide RestoreArticle', () => {
  const stream = givenSample(headline, fixChance, { type: 'AddCategory', label: 'Diplomacy' }, { type: 'PublishArticle' });

  it('given revision 2, then ArticleRestored with the content at 2 and the current content as before', () => {
    const event = when(stream, { type: 'RestoreArticle', revision: 2 }) as ArticleRestored;
    expect(event.type).toBe('ArticleRestored');
    expect(event.data.revision).toBe(2);
    expect(event.data.before).toEqual(contentOf(stream.state));
    expect(event.data.content).toEqual(contentOf(givenSample(headline).state));
  });

  it('when the restore is applied, then status and corrections stay as they were', () => {
    const restored = append(stream, when(stream, { type: 'RestoreArticle', revision: 2 })!).state;
    expect(restored.status).toBe('published');
    expect(restored.corrections).toEqual(stream.state.corrections);
    expect(restored.categories).toEqual([]);
    expect(restored.blocks[8].text).toContain('Citizen Free Press’s Matthew Chance');
  });

  it.each([0, -1, 6, 1.5])('given revision %d, then RevisionNotFound', (revision) => {
    expect(refusal(() => when(stream, { type: 'RestoreArticle', revision })).code).toBe('RevisionNotFound');
  });

  it.each([5, 4])('given revision %d whose content is the current content, then RestoreToCurrentContent', (revision) => {
    expect(refusal(() => when(stream, { type: 'RestoreArticle', revision })).code).toBe('RestoreToCurrentContent');
  });

  it('given a published article and a revision without a headline, then HeadlineRequired', () => {
    expect(refusal(() => when(stream, { type: 'RestoreArticle', revision: 1 })).code).toBe('HeadlineRequired');
  });

  it('given a draft and a revision without a headline, then it is restored', () => {
    const draft = givenSample(headline);
    expect((when(draft, { type: 'RestoreArticle', revision: 1 }) as ArticleRestored).data.content.headline).toBeNull();
  });

  it('given no history, then it throws: the handler must pass it', () => {
    expect(() => decide({ type: 'RestoreArticle', revision: 1 }, stream.state, { actor: EDITOR })).toThrow(/history/);
  });

  it('given the article at another revision than the one asked for, then it throws', () => {
    const past = { articleAt: givenSample(headline).state };
    expect(() => decide({ type: 'RestoreArticle', revision: 1 }, stream.state, { actor: EDITOR, past })).toThrow(
      /at revision 1 is .* at revision 2/,
    );
  });
});
