import { Injectable } from '@nestjs/common';
import { type Article, fold } from '@newsroom/articles';
import { EventStore } from '@newsroom/event-store';
import { streamIdOf, toArticleEvent } from './article-stream';
import { LatestArticles } from './latest-articles';
import { ArticleReader } from './queries/article-reader';

export interface LoadedArticle {
  article: Article;
  /** Taken from this process's memory: possibly behind the log (see LatestArticles). */
  cached: boolean;
}

export interface LoadOptions {
  /** Fold the stream even though the read model has the article (after repeated lost races). */
  fromLog?: boolean;
  /** Accept the state this process last saw, without reading. */
  fromMemory?: boolean;
}

@Injectable()
export class ArticleStreams {
  constructor(
    private readonly store: EventStore,
    private readonly reader: ArticleReader,
    private readonly latest: LatestArticles,
  ) {}

  /**
   * The article now. The current-article read model is written in the same transaction as
   * every append, so it is an exact snapshot; `fromLog` folds the stream instead (the fallback
   * after repeated lost races).
   */
  async load(articleId: string, { fromLog = false, fromMemory = false }: LoadOptions = {}): Promise<LoadedArticle> {
    if (!fromLog) {
      const remembered = fromMemory ? this.latest.find(articleId) : undefined;
      if (remembered) return { article: remembered, cached: true };
      const article = await this.reader.find(articleId);
      if (article) return this.seen({ article, cached: false });
    }
    const history = (await this.store.readStream(streamIdOf(articleId))).map(toArticleEvent);
    return this.seen({ article: fold(articleId, history), cached: false });
  }

  /** Remembers a state that committed: the next command on the article need not read it. */
  committed(article: Article): void {
    this.latest.remember(article);
  }

  /** Drops a remembered state that turned out to be behind. */
  forget(articleId: string): void {
    this.latest.forget(articleId);
  }

  private seen(loaded: LoadedArticle): LoadedArticle {
    if (loaded.article.revision > 0) this.latest.remember(loaded.article);
    return loaded;
  }
}
