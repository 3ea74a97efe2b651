import type { Article, RecordedArticleEvent } from '@newsroom/articles';
import type { AlongsideWrite, RecordedEvent } from '@newsroom/event-store';

/**
 * A read model written by the append's own statement, so that every read after a command's
 * answer already shows it, at the cost of no transaction and no round trip of its own.
 */
export interface InlineProjection {
  writesFor(change: ProjectedChange): AlongsideWrite[];
}

export interface ProjectedChange {
  /** The article before the events. */
  before: Article;
  events: RecordedArticleEvent[];
  /**
   * The events as they are being appended. Their positions are not known yet (0 here): the
   * writes take them from the statement's `appended` rows.
   */
  raw: RecordedEvent[];
}

export const INLINE_PROJECTIONS = Symbol('INLINE_PROJECTIONS');
