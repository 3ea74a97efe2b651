import { given, givenSample, refusal, when } from './testing/given';

const withHeadline = { type: 'ChangeHeadline', headline: 'Biden and Putin end Geneva summit' } as const;

describe('decide PublishArticle', () => {
  it('given a draft without a headline, then HeadlineRequired', () => {
    expect(refusal(() => when(givenSample(), { type: 'PublishArticle' })).code).toBe('HeadlineRequired');
  });

  it('given a draft with a headline, then ArticlePublished', () => {
    expect(when(givenSample(withHeadline), { type: 'PublishArticle' })).toEqual({ type: 'ArticlePublished', data: {} });
  });

  it('given a published article, then null', () => {
    expect(when(givenSample(withHeadline, { type: 'PublishArticle' }), { type: 'PublishArticle' })).toBeNull();
  });

  it('given a withdrawn article, then ArticlePublished again', () => {
    const withdrawn = givenSample(withHeadline, { type: 'PublishArticle' }, { type: 'WithdrawArticle' });
    expect(when(withdrawn, { type: 'PublishArticle' })?.type).toBe('ArticlePublished');
  });

  it('given a headline from the text, then it can be published', () => {
    const stream = given({ type: 'CreateArticle', body: 'Summit ends\n\nIt ended.' });
    expect(when(stream, { type: 'PublishArticle' })?.type).toBe('ArticlePublished');
  });
});

describe('decide WithdrawArticle', () => {
  it('given a published article, then ArticleWithdrawn', () => {
    expect(when(givenSample(withHeadline, { type: 'PublishArticle' }), { type: 'WithdrawArticle' })).toEqual({
      type: 'ArticleWithdrawn',
      data: {},
    });
  });

  it('given a draft, then InvalidStatusTransition', () => {
    const error = refusal(() => when(givenSample(), { type: 'WithdrawArticle' }));
    expect(error.code).toBe('InvalidStatusTransition');
    expect(error.details).toEqual({ articleStatus: 'draft' });
  });

  it('given a withdrawn article, then InvalidStatusTransition', () => {
    const withdrawn = givenSample(withHeadline, { type: 'PublishArticle' }, { type: 'WithdrawArticle' });
    expect(refusal(() => when(withdrawn, { type: 'WithdrawArticle' })).code).toBe('InvalidStatusTransition');
  });
});
