import type { Article, RecordedArticleEvent } from '@newsroom/articles';
import type { AlongsideWrite, RecordedEvent } from '@newsroom/event-store';

/**
 * A read model written by the append's own statement, so that every read after a command's
 * answer already shows it, at the cost of no transaction and no round trip of its own.
 */
export interface InlineProjection {
  writesFor(change: ProjectedChange): AlongsideWrite[];
}

/** A command's one event, and the article it makes: the command has folded it already. */
export interface ProjectedChange {
  event: RecordedArticleEvent;
  /**
   * The event as it is being appended. Its position is not known yet (0 here): the writes take
   * it from the statement's `appended` rows.
   */
  raw: RecordedEvent;
  after: Article;
}

export const INLINE_PROJECTIONS = Symbol('INLINE_PROJECTIONS');
