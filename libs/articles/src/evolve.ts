import { type Article, type ArticleContent, contentOf, emptyArticle } from './article';
import type { RecordedArticleEvent, TextEdit } from './events';

/**
 * The article after one more event. Pure: `state` is never mutated and the result shares no
 * arrays with the event, so neither can change the other later.
 *
 * `publishedAt` is the time of the latest publication: republishing a withdrawn story moves it,
 * withdrawing leaves it as it was (the status says the story is down).
 */
export function evolve(state: Article, recorded: RecordedArticleEvent): Article {
  const next: Article = { ...state, revision: recorded.revision, updatedAt: recorded.recordedAt };
  const { event } = recorded;
  switch (event.type) {
    case 'ArticleCreated':
      return { ...next, ...contentOf(event.data), status: 'draft', createdAt: recorded.recordedAt };
    case 'HeadlineChanged':
      return { ...next, headline: event.data.after };
    case 'AttributionFixed':
    case 'TextCorrected':
      return applyTextEdit(next, event.data, recorded);
    case 'CategoryAdded':
      return { ...next, categories: [...state.categories, { ...event.data.category }] };
    case 'CategoryRemoved':
      return { ...next, categories: state.categories.filter((category) => category.slug !== event.data.category.slug) };
    case 'ArticlePublished':
      return { ...next, status: 'published', publishedAt: recorded.recordedAt };
    case 'ArticleWithdrawn':
      return { ...next, status: 'withdrawn' };
    case 'ArticleRestored':
    case 'ChangeReverted':
      return withContent(next, event.data.content);
    case 'PassageRedacted':
      // The events it redacted already read redacted: the fold of the stream shows the marker.
      return next;
    default:
      return unknownEvent(event);
  }
}

/** Folds a stream (in revision order) onto `from`, by default the article before its creation. */
export function fold(id: string, events: readonly RecordedArticleEvent[], from: Article = emptyArticle(id)): Article {
  return events.reduce(evolve, from);
}

function applyTextEdit(next: Article, edit: TextEdit, recorded: RecordedArticleEvent): Article {
  const blocks = next.blocks.map((block) => (block.id === edit.blockId ? { ...block, text: edit.after } : block));
  if (edit.notice === null) return { ...next, blocks };
  const notice = { revision: recorded.revision, kind: edit.notice.kind, recordedAt: recorded.recordedAt, text: edit.notice.text };
  return { ...next, blocks, corrections: [...next.corrections, notice] };
}

function withContent(next: Article, content: ArticleContent): Article {
  return { ...next, ...contentOf(content) };
}

function unknownEvent(event: never): never {
  throw new Error(`Unknown article event ${JSON.stringify(event)}`);
}
