import { emptyArticle } from './article';
import type { ArticleCommand } from './commands';
import { decide } from './decide';
import type { ArticleCreated } from './events';
import { ARTICLE_ID, createSample, EDITOR, given, givenSample, refusal, REPORTER, when } from './testing/given';

const nothing = { state: emptyArticle(ARTICLE_ID), history: [] };

describe('decide CreateArticle', () => {
  it('given no article, when the sample story is created, then ArticleCreated with 13 blocks and nothing else', () => {
    const event = when(nothing, createSample(), REPORTER) as ArticleCreated;
    expect(event.type).toBe('ArticleCreated');
    expect(event.data).toMatchObject({ headline: null, byline: null, dateline: null, categories: [] });
    expect(event.data.blocks).toHaveLength(13);
  });

  it('given an existing article, when created again, then ArticleAlreadyExists', () => {
    expect(refusal(() => when(givenSample(), createSample())).code).toBe('ArticleAlreadyExists');
  });

  it.each(['', ' \n\n\t ', 'Categorized in: Diplomacy'])('given the body %j, then EmptyArticle', (body) => {
    expect(refusal(() => when(nothing, { type: 'CreateArticle', body })).code).toBe('EmptyArticle');
  });

  it('given a title-like first line and no headline field, then the line is the headline', () => {
    const event = when(nothing, { type: 'CreateArticle', body: 'Summit ends\n\nIt ended.\n\nMore.' }) as ArticleCreated;
    expect(event.data.headline).toBe('Summit ends');
    expect(event.data.blocks).toHaveLength(2);
  });

  it('given explicit headline, byline and dateline, then they win (trimmed) and the first line stays a block', () => {
    const command: ArticleCommand = {
      type: 'CreateArticle',
      headline: '  Biden and Putin end summit ',
      byline: 'Staff reporter',
      dateline: 'GENEVA',
      body: 'Summit ends\n\nIt ended.',
    };
    const event = when(nothing, command) as ArticleCreated;
    expect(event.data).toMatchObject({ headline: 'Biden and Putin end summit', byline: 'Staff reporter', dateline: 'GENEVA' });
    expect(event.data.blocks[0]).toEqual({ id: 'b1', type: 'subheading', text: 'Summit ends' });
  });

  it('given a blank headline field, then it counts as none', () => {
    const event = when(nothing, { type: 'CreateArticle', headline: '  ', body: 'Summit ends\n\nIt ended.' }) as ArticleCreated;
    expect(event.data.headline).toBe('Summit ends');
  });

  it('given trailer and explicit categories, then trailer first, explicit after, de-duplicated by slug', () => {
    const command: ArticleCommand = {
      type: 'CreateArticle',
      body: 'It ended.\n\nCategorized in: Diplomacy, US–Russia Relations',
      categories: [{ label: 'us-russia relations' }, { label: 'Cybersecurity', code: 'medtop:20000763' }],
    };
    const event = when(nothing, command) as ArticleCreated;
    expect(event.data.categories).toEqual([
      { slug: 'diplomacy', label: 'Diplomacy' },
      { slug: 'us-russia-relations', label: 'US–Russia Relations' },
      { slug: 'cybersecurity', label: 'Cybersecurity', code: 'medtop:20000763' },
    ]);
  });

  it('given a category label with nothing to slug, then InvalidCategory', () => {
    const command: ArticleCommand = { type: 'CreateArticle', body: 'Text.', categories: [{ label: '——' }] };
    expect(refusal(() => when(nothing, command)).code).toBe('InvalidCategory');
  });

  it.each<ArticleCommand>([
    { type: 'ChangeHeadline', headline: 'H' },
    { type: 'FixAttribution', find: 'a', replace: 'b' },
    { type: 'CorrectText', find: 'a', replace: 'b' },
    { type: 'AddCategory', label: 'Diplomacy' },
    { type: 'RemoveCategory', slug: 'diplomacy' },
    { type: 'PublishArticle' },
    { type: 'WithdrawArticle' },
    { type: 'RestoreArticle', revision: 1 },
    { type: 'RevertChange', revision: 1 },
  ])('given no article, when $type, then ArticleNotFound', (command) => {
    expect(refusal(() => when(nothing, command)).code).toBe('ArticleNotFound');
  });

  it('given an unknown command type, then it throws', () => {
    const unknown = { type: 'ShredArticle' } as unknown as ArticleCommand;
    expect(() => decide(unknown, given(createSample()).state, { actor: EDITOR })).toThrow(/Unknown article command/);
  });
});
