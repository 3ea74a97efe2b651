import { Injectable } from '@nestjs/common';
import {
  type Article,
  type ArticleCommand,
  type ArticlePast,
  pastNeededBy,
  revertReach,
  type RevertPast,
} from '@newsroom/articles';
import { EventStore } from '@newsroom/event-store';
import { streamIdOf, toArticleEvent } from './article-stream';
import { FieldChangeIndex } from './field-change-index';
import { ArticleReader } from './queries/article-reader';

/**
 * Reads what of the past a restore or revert decides on, and nothing more: the stored state at
 * the target revision (a snapshot and fewer than SNAPSHOT_EVERY events, as `?revision=` reads it),
 * or the reverted event and the later events that changed the fields it changed. Neither grows
 * with the story's length; a revert grows with the later changes to what it undoes.
 */
@Injectable()
export class ArticlePastReader {
  constructor(
    private readonly store: EventStore,
    private readonly reader: ArticleReader,
    private readonly fieldChanges: FieldChangeIndex,
  ) {}

  async read(command: ArticleCommand, article: Article): Promise<ArticlePast | undefined> {
    const needed = pastNeededBy(command, article);
    if (needed === null) return undefined;
    if (needed.kind === 'article-at') {
      const [articleAt, typeAt] = await Promise.all([
        this.reader.atRevision(article.id, needed.revision),
        this.reader.typeAt(article.id, needed.revision),
      ]);
      return { articleAt, typeAt };
    }
    return { revertOf: await this.revertOf(article, needed.revision) };
  }

  /**
   * Up to the state's revision, not the stream's end: a remembered state may be behind, and its
   * decision is then refused by the append's expected revision. The index rows of every revision
   * up to the state's were committed by the statement that appended it.
   */
  private async revertOf(article: Article, revision: number): Promise<RevertPast> {
    const stream = streamIdOf(article.id);
    const [raw] = await this.store.readStream(stream, { fromRevision: revision, toRevision: revision });
    const reverted = toArticleEvent(raw);
    const reach = revertReach(reverted);
    if (reach.length === 0) return { reverted, laterTouching: [], through: article.revision };
    const touching = await this.fieldChanges.revisionsTouching(article.id, reach, revision, article.revision);
    const later = await this.store.readRevisions(stream, touching);
    return { reverted, laterTouching: later.map(toArticleEvent), through: article.revision };
  }
}
