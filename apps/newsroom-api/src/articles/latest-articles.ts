import { Injectable } from '@nestjs/common';
import type { Article } from '@newsroom/articles';
import { LRUCache } from 'lru-cache';

/** About 64 MiB of article text: a few thousand typical stories, a few dozen of the largest. */
const CAPACITY_BYTES = 64 * 1024 * 1024;

/**
 * The last state this process saw of recently edited articles, so that a command can decide
 * without reading it first. It may be behind (another API process appended since), never
 * wrong about a revision it holds: the append's expected revision refuses a decision taken on
 * a stale state, and the runner decides again on a fresh read whenever a cached state led to
 * anything but an append (see ArticleCommandRunner). States are never mutated: evolve makes
 * new objects.
 */
@Injectable()
export class LatestArticles {
  private readonly articles = new LRUCache<string, Article>({ maxSize: CAPACITY_BYTES, sizeCalculation: approximateSize });

  find(id: string): Article | undefined {
    return this.articles.get(id);
  }

  remember(article: Article): void {
    const known = this.articles.get(article.id);
    if (!known || known.revision < article.revision) this.articles.set(article.id, article);
  }

  forget(id: string): void {
    this.articles.delete(id);
  }
}

/** Bytes, roughly: two per UTF-16 unit of text, plus a kilobyte for the rest. */
function approximateSize(article: Article): number {
  let units = (article.headline?.length ?? 0) + (article.byline?.length ?? 0);
  for (const block of article.blocks) units += block.text.length;
  for (const notice of article.corrections) units += notice.text.length;
  return 1024 + 2 * units;
}
