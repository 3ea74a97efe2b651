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
import { Pool } from 'pg';
import { streamIdOf, toArticleEvent } from './article-stream';
import { ArticleReader } from './queries/article-reader';

/**
 * The later revisions that changed any of the fields given, from the index the append writes
 * beside each event (article_field_changes): one range of its (article_id, field, revision) key
 * per field.
 */
const LATER_REVISIONS_TOUCHING = `
  SELECT DISTINCT revision FROM article_field_changes
  WHERE article_id = $1 AND field = ANY($2::text[]) AND revision > $3 AND revision <= $4
  ORDER BY revision`;

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
    private readonly pool: Pool,
  ) {}

  async read(command: ArticleCommand, article: Article): Promise<ArticlePast | undefined> {
    const needed = pastNeededBy(command, article);
    if (needed === null) return undefined;
    if (needed.kind === 'article-at') return { articleAt: await this.reader.atRevision(article.id, needed.revision) };
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
    const { rows } = await this.pool.query<{ revision: number }>(LATER_REVISIONS_TOUCHING, [
      article.id,
      reach,
      revision,
      article.revision,
    ]);
    const later = await this.store.readRevisions(
      stream,
      rows.map((row) => row.revision),
    );
    return { reverted, laterTouching: later.map(toArticleEvent), through: article.revision };
  }
}
