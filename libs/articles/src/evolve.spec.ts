import { type Article, type ArticleContent, emptyArticle } from './article';
import type { ArticleEvent, RecordedArticleEvent, TextEdit } from './events';
import { evolve, fold } from './evolve';
import { ARTICLE_ID, timeOf } from './testing/given';

const created: ArticleContent = {
  headline: null,
  byline: 'Staff',
  dateline: 'GENEVA',
  blocks: [
    { id: 'b1', type: 'paragraph', text: 'Putin answered Citizen Free Press’s Matthew Chance.' },
    { id: 'b2', type: 'subheading', text: 'Summit progress' },
  ],
  categories: [{ slug: 'diplomacy', label: 'Diplomacy', code: 'medtop:20000639' }],
};

const edit: TextEdit = {
  blockId: 'b1',
  before: 'Putin answered Citizen Free Press’s Matthew Chance.',
  after: 'Putin answered CNN’s Matthew Chance.',
  range: { start: 15, end: 35 },
  found: 'Citizen Free Press’s',
  replacement: 'CNN’s',
  notice: null,
};

function recorded(revision: number, event: ArticleEvent): RecordedArticleEvent {
  return { revision, recordedAt: timeOf(revision), event };
}

/** Folds `events` as revisions 1, 2, … */
function stream(...events: ArticleEvent[]): Article {
  return fold(
    ARTICLE_ID,
    events.map((event, index) => recorded(index + 1, event)),
  );
}

const creation: ArticleEvent = { type: 'ArticleCreated', data: created };

/** Deep-freezes a value so any mutation in `evolve` throws. */
function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(frozen);
    Object.freeze(value);
  }
  return value;
}

describe('evolve', () => {
  it('given nothing, when ArticleCreated, then the content, revision 1, draft, created and updated then', () => {
    const article = stream(creation);
    expect(article).toEqual({
      ...emptyArticle(ARTICLE_ID),
      ...created,
      revision: 1,
      status: 'draft',
      createdAt: timeOf(1),
      updatedAt: timeOf(1),
    });
  });

  it('when HeadlineChanged, then the headline, revision and updatedAt move; createdAt stays', () => {
    const article = stream(creation, { type: 'HeadlineChanged', data: { before: null, after: 'Summit ends' } });
    expect(article).toMatchObject({ headline: 'Summit ends', revision: 2, createdAt: timeOf(1), updatedAt: timeOf(2) });
  });

  it('when AttributionFixed without a notice, then the block text changes and no correction is added', () => {
    const article = stream(creation, { type: 'AttributionFixed', data: edit });
    expect(article.blocks[0]).toEqual({ id: 'b1', type: 'paragraph', text: edit.after });
    expect(article.blocks[1]).toEqual(created.blocks[1]);
    expect(article.corrections).toEqual([]);
  });

  it('when TextCorrected with a notice, then the block changes and the notice is appended', () => {
    const notice = { kind: 'clarification' as const, text: 'An earlier version misattributed the question.' };
    const article = stream(creation, { type: 'TextCorrected', data: { ...edit, notice } });
    expect(article.blocks[0].text).toBe(edit.after);
    expect(article.corrections).toEqual([{ revision: 2, kind: 'clarification', recordedAt: timeOf(2), text: notice.text }]);
  });

  it('when CategoryAdded, then it goes last; when CategoryRemoved, then the slug is gone', () => {
    const cyber = { slug: 'cybersecurity', label: 'Cybersecurity' };
    const added = stream(creation, { type: 'CategoryAdded', data: { category: cyber } });
    expect(added.categories.map((category) => category.slug)).toEqual(['diplomacy', 'cybersecurity']);
    const removed = evolve(added, recorded(3, { type: 'CategoryRemoved', data: { category: created.categories[0] } }));
    expect(removed.categories).toEqual([cyber]);
  });

  it('when ArticlePublished, ArticleWithdrawn and ArticlePublished again, then publishedAt is the latest publication', () => {
    const published = stream(creation, { type: 'ArticlePublished', data: {} });
    expect(published).toMatchObject({ status: 'published', publishedAt: timeOf(2) });
    const withdrawn = evolve(published, recorded(3, { type: 'ArticleWithdrawn', data: {} }));
    expect(withdrawn).toMatchObject({ status: 'withdrawn', publishedAt: timeOf(2) });
    const republished = evolve(withdrawn, recorded(4, { type: 'ArticlePublished', data: {} }));
    expect(republished).toMatchObject({ status: 'published', publishedAt: timeOf(4), updatedAt: timeOf(4) });
  });

  it.each(['ArticleRestored', 'ChangeReverted'] as const)(
    'when %s, then the content is the event’s; status and corrections stay',
    (type) => {
      const notice = { kind: 'correction' as const, text: 'Corrected.' };
      const before = stream(
        creation,
        { type: 'TextCorrected', data: { ...edit, notice } },
        { type: 'ArticlePublished', data: {} },
      );
      const data = { revision: 1, before: { ...created }, content: created };
      const event = (
        type === 'ArticleRestored' ? { type, data } : { type, data: { ...data, revision: 2, revertedType: 'TextCorrected' } }
      ) as ArticleEvent;
      const after = evolve(before, recorded(4, event));
      expect(after).toMatchObject({ ...created, revision: 4, status: 'published', corrections: before.corrections });
    },
  );

  it('given a frozen state and event, then evolve does not mutate them and shares no arrays with the event', () => {
    const state = frozen(stream(creation));
    const event = frozen(recorded(2, { type: 'CategoryAdded', data: { category: { slug: 'x', label: 'X' } } }));
    const next = evolve(state, event);
    expect(next.categories).toHaveLength(2);
    const again = frozen(recorded(1, creation));
    expect(evolve(emptyArticle(ARTICLE_ID), again).blocks).not.toBe(created.blocks);
  });

  it('given a snapshot, then fold continues from it', () => {
    const events = [recorded(1, creation), recorded(2, { type: 'ArticlePublished', data: {} })];
    const snapshot = fold(ARTICLE_ID, events.slice(0, 1));
    expect(fold(ARTICLE_ID, events.slice(1), snapshot)).toEqual(fold(ARTICLE_ID, events));
  });

  it('given an unknown event type, then it throws', () => {
    const unknown = { type: 'ArticleShredded', data: {} } as unknown as ArticleEvent;
    expect(() => evolve(emptyArticle(ARTICLE_ID), recorded(1, unknown))).toThrow(/Unknown article event/);
  });
});
