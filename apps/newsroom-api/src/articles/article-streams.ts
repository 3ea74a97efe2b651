import { Injectable } from '@nestjs/common';
import { type Article, fold, type RecordedArticleEvent, upcast } from '@newsroom/articles';
import { EventStore, type RecordedEvent } from '@newsroom/event-store';
import { DataSource } from 'typeorm';

/** An article's stream in the event store: its name and how its events read back. */
export function streamIdOf(articleId: string): string {
  return `article-${articleId}`;
}

export function toArticleEvent(event: RecordedEvent): RecordedArticleEvent {
  return {
    revision: event.revision,
    recordedAt: event.recordedAt.toISOString(),
    event: upcast(event.type, event.data, event.metadata.schemaVersion),
  };
}

export interface LoadedArticle {
  article: Article;
  /** Every event of the stream, when asked for (restore and revert decide on it). */
  history?: RecordedArticleEvent[];
}

@Injectable()
export class ArticleStreams {
  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * The article now. The current-article read model is written in the same transaction as
   * every append, so it is an exact snapshot; `fromLog` folds the stream instead (the fallback
   * after a lost race, and whenever the history is needed anyway).
   */
  async load(articleId: string, { withHistory = false, fromLog = false } = {}): Promise<LoadedArticle> {
    if (!withHistory && !fromLog) {
      const rows: Array<{ document: Article }> = await this.dataSource.query('SELECT document FROM articles WHERE id = $1', [
        articleId,
      ]);
      if (rows[0]) return { article: rows[0].document };
    }
    const history = (await this.store.readStream(streamIdOf(articleId))).map(toArticleEvent);
    return { article: fold(articleId, history), history };
  }
}
