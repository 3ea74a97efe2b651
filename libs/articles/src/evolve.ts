import { type Article, contentOf, emptyArticle } from './article';
import type { RecordedArticleEvent, TextEdit } from './events';

/**
 * The article after one more event. Pure: `state` is never mutated and the result shares no
 * arrays with the event, so neither can change the other later.
 *
 * `publishedAt` is the time of the latest publication: republishing a withdrawn story moves it,
 * withdrawing leaves it as it was (the status says the story is down).
 */
export function evolve(state: Article, recorded: RecordedArticleEvent): Article {
  const { event, revision, recordedAt } = recorded;
  // One copy of the article per event, its changes spread in with it: a replay of the whole log
  // makes one per event, and a second copy (of the copy) cost as much again.
  switch (event.type) {
    case 'ArticleCreated':
      return { ...state, revision, updatedAt: recordedAt, ...contentOf(event.data), status: 'draft', createdAt: recordedAt };
    case 'HeadlineChanged':
      return { ...state, revision, updatedAt: recordedAt, headline: event.data.after };
    case 'AttributionFixed':
    case 'TextCorrected':
      return applyTextEdit(state, event.data, recorded);
    case 'CategoryAdded':
      return { ...state, revision, updatedAt: recordedAt, categories: [...state.categories, { ...event.data.category }] };
    case 'CategoryRemoved': {
      const categories = state.categories.filter((category) => category.slug !== event.data.category.slug);
      return { ...state, revision, updatedAt: recordedAt, categories };
    }
    case 'ArticlePublished':
      return { ...state, revision, updatedAt: recordedAt, status: 'published', publishedAt: recordedAt };
    case 'ArticleWithdrawn':
      return { ...state, revision, updatedAt: recordedAt, status: 'withdrawn' };
    case 'ArticleRestored':
    case 'ChangeReverted':
      return { ...state, revision, updatedAt: recordedAt, ...contentOf(event.data.content) };
    case 'PassageRedacted':
      // The events it redacted already read redacted: the fold of the stream shows the marker.
      return { ...state, revision, updatedAt: recordedAt };
    default:
      return unknownEvent(event);
  }
}

/** Folds a stream (in revision order) onto `from`, by default the article before its creation. */
export function fold(id: string, events: readonly RecordedArticleEvent[], from: Article = emptyArticle(id)): Article {
  return events.reduce(evolve, from);
}

function applyTextEdit(state: Article, edit: TextEdit, { revision, recordedAt }: RecordedArticleEvent): Article {
  const blocks = state.blocks.map((block) => (block.id === edit.blockId ? { ...block, text: edit.after } : block));
  if (edit.notice === null) return { ...state, revision, updatedAt: recordedAt, blocks };
  const notice = { revision, kind: edit.notice.kind, recordedAt, text: edit.notice.text };
  return { ...state, revision, updatedAt: recordedAt, blocks, corrections: [...state.corrections, notice] };
}

function unknownEvent(event: never): never {
  throw new Error(`Unknown article event ${JSON.stringify(event)}`);
}
