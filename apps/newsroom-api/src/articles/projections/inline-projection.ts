import type { PoolClient } from 'pg';
import type { Article, RecordedArticleEvent } from '@newsroom/articles';
import type { RecordedEvent } from '@newsroom/event-store';

/**
 * A read model kept in the same transaction as the append, so that every read after a
 * command's answer already shows it.
 */
export interface InlineProjection {
  apply(client: PoolClient, change: ProjectedChange): Promise<void>;
}

export interface ProjectedChange {
  /** The article before the events. */
  before: Article;
  events: RecordedArticleEvent[];
  raw: RecordedEvent[];
}

export const INLINE_PROJECTIONS = Symbol('INLINE_PROJECTIONS');
