import { Injectable } from '@nestjs/common';
import { type Article, fold, type RecordedArticleEvent } from '@newsroom/articles';
import { EventStore } from '@newsroom/event-store';
import { streamIdOf, toArticleEvent } from './article-stream';
import { ArticleReader } from './queries/article-reader';

export interface LoadedArticle {
  article: Article;
  /** Every event of the stream, when asked for (restore and revert decide on it). */
  history?: RecordedArticleEvent[];
}

@Injectable()
export class ArticleStreams {
  constructor(
    private readonly store: EventStore,
    private readonly reader: ArticleReader,
  ) {}

  /**
   * The article now. The current-article read model is written in the same transaction as
   * every append, so it is an exact snapshot; `fromLog` folds the stream instead (the fallback
   * after a lost race, and whenever the history is needed anyway).
   */
  async load(articleId: string, { withHistory = false, fromLog = false } = {}): Promise<LoadedArticle> {
    if (!withHistory && !fromLog) {
      const article = await this.reader.find(articleId);
      if (article) return { article };
    }
    const history = (await this.store.readStream(streamIdOf(articleId))).map(toArticleEvent);
    return { article: fold(articleId, history), history };
  }
}
