import { Injectable } from '@nestjs/common';
import { type Article, type ArticleCommand, type ArticlePast, pastNeededBy } from '@newsroom/articles';
import { EventStore } from '@newsroom/event-store';
import { streamIdOf, toArticleEvent } from './article-stream';
import { ArticleReader } from './queries/article-reader';

/**
 * Reads what of the past a restore or revert decides on, and nothing more: the stored state at
 * the target revision (a snapshot and fewer than SNAPSHOT_EVERY events, as `?revision=` reads it),
 * or the events from the reverted revision up to the state decided on. Neither grows with the
 * story's length; a revert grows with the number of changes after the one it undoes.
 */
@Injectable()
export class ArticlePastReader {
  constructor(
    private readonly store: EventStore,
    private readonly reader: ArticleReader,
  ) {}

  async read(command: ArticleCommand, article: Article): Promise<ArticlePast | undefined> {
    const needed = pastNeededBy(command, article);
    if (needed === null) return undefined;
    if (needed.kind === 'article-at') return { articleAt: await this.reader.atRevision(article.id, needed.revision) };
    // Up to the state's revision, not the stream's end: a remembered state may be behind, and its
    // decision is then refused by the append's expected revision.
    const events = await this.store.readStream(streamIdOf(article.id), {
      fromRevision: needed.revision,
      toRevision: article.revision,
    });
    return { eventsSince: events.map(toArticleEvent) };
  }
}
