import { Injectable } from '@nestjs/common';
import { type Article, ArticleError, type ArticleEventType, fold } from '@newsroom/articles';
import { EventStore } from '@newsroom/event-store';
import { Pool } from 'pg';
import { streamIdOf, toArticleEvent } from '../article-stream';
import { joinArticle, type StoredArticle } from '../projections/article-document';
import { SNAPSHOT_EVERY } from '../projections/read-model-rows';

/**
 * The article now or at any past revision, in a bounded number of queries: the nearest
 * snapshot at or before the revision, then a fold of fewer than SNAPSHOT_EVERY events.
 */
@Injectable()
export class ArticleReader {
  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
  ) {}

  async current(id: string): Promise<Article> {
    const article = await this.find(id);
    if (!article) throw notFound(id);
    return article;
  }

  /** The current-article read model's row, or undefined. */
  async find(id: string): Promise<Article | undefined> {
    const { rows } = await this.pool.query<StoredArticle>('SELECT document, blocks FROM articles WHERE id = $1', [id]);
    return rows[0] && joinArticle(rows[0]);
  }

  async atRevision(id: string, revision: number): Promise<Article> {
    // The nearest snapshot is never SNAPSHOT_EVERY or more revisions back: bounded so, the read
    // stays short whatever the planner, whose statistics lag behind a growing history, believes.
    const { rows } = await this.pool.query<{ revision: number; snapshot: Article }>(
      `SELECT revision, snapshot FROM article_revisions
       WHERE article_id = $1 AND revision <= $2 AND revision > $2 - ${SNAPSHOT_EVERY} AND snapshot IS NOT NULL
       ORDER BY revision DESC LIMIT 1`,
      [id, revision],
    );
    if (!rows[0]) {
      // No snapshot that close: no such article, or a revision far beyond its latest.
      await this.current(id);
      throw revisionNotFound(id, revision);
    }
    const { snapshot } = rows[0];
    // A snapshot at the revision itself needs no fold (revision 1 and every SNAPSHOT_EVERY-th).
    const events =
      snapshot.revision === revision
        ? []
        : await this.store.readStream(streamIdOf(id), { fromRevision: snapshot.revision + 1, toRevision: revision });
    const article = fold(id, events.map(toArticleEvent), snapshot);
    if (article.revision !== revision) throw revisionNotFound(id, revision);
    return article;
  }

  /** The type of the event at a revision (a restore to a redaction is refused), from the revision's row. */
  async typeAt(id: string, revision: number): Promise<ArticleEventType | undefined> {
    const { rows } = await this.pool.query<{ type: ArticleEventType }>(
      'SELECT type FROM article_revisions WHERE article_id = $1 AND revision = $2',
      [id, revision],
    );
    return rows[0]?.type;
  }

  /** The article as it was at a moment: the last revision recorded at or before it. */
  async asOf(id: string, moment: Date): Promise<Article> {
    const { rows } = await this.pool.query<{ revision: number }>(
      `SELECT revision FROM article_revisions WHERE article_id = $1 AND recorded_at <= $2 ORDER BY recorded_at DESC, revision DESC LIMIT 1`,
      [id, moment],
    );
    if (!rows[0]) {
      await this.current(id);
      throw new ArticleError('RevisionNotFound', `Article ${id} did not exist yet at ${moment.toISOString()}.`);
    }
    return this.atRevision(id, rows[0].revision);
  }
}

function notFound(id: string): ArticleError {
  return new ArticleError('ArticleNotFound', `No article has the id ${id}.`);
}

function revisionNotFound(id: string, revision: number): ArticleError {
  return new ArticleError('RevisionNotFound', `Article ${id} has no revision ${revision}.`);
}
