import { Injectable } from '@nestjs/common';
import type { components } from '@newsroom/api-client';
import { type Article, ArticleError } from '@newsroom/articles';
import { Pool } from 'pg';
import { ArticleReader } from './article-reader';
import { decodeCursor, encodeCursor } from './cursor';

/** One entry of the history, as the contract publishes it. */
export type RevisionEntry = components['schemas']['RevisionEntry'];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const ENTRY = `revision, type, actor, actor_name AS "actorName", reason, to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "recordedAt", summary`;

/** Who changed what, when and why: one entry per revision, oldest first. */
@Injectable()
export class ArticleHistory {
  constructor(
    private readonly pool: Pool,
    private readonly reader: ArticleReader,
  ) {}

  /** A page of the history, oldest first, or newest first (`order: 'desc'`, as a desk shows it). */
  async revisions(id: string, limit = 50, cursor?: string, order: 'asc' | 'desc' = 'asc'): Promise<Page<RevisionEntry>> {
    const newestFirst = order === 'desc';
    const [from] = (
      newestFirst
        ? (decodeCursor(cursor, ['revision', 'newest-first']) ?? [2_147_483_647])
        : (decodeCursor(cursor, ['revision']) ?? [0])
    ) as [number];
    // A range of revisions as well as a LIMIT: revisions run without gaps, and without the range
    // the planner, whose statistics lag behind a growing history, read and sorted all the rest of
    // it for one page (30 ms instead of 3 at 10,000 revisions).
    const { rows } = await this.pool.query<RevisionEntry>(
      newestFirst
        ? `SELECT ${ENTRY} FROM article_revisions WHERE article_id = $1 AND revision < $2
             AND revision >= least($2, (SELECT max(revision) + 1 FROM article_revisions WHERE article_id = $1)) - $3
           ORDER BY revision DESC LIMIT $3`
        : `SELECT ${ENTRY} FROM article_revisions WHERE article_id = $1 AND revision > $2 AND revision <= $2::bigint + $3
           ORDER BY revision LIMIT $3`,
      [id, from, limit + 1],
    );
    if (rows.length === 0) await this.reader.current(id);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1]?.revision;
    const nextCursor = rows.length > limit ? encodeCursor(newestFirst ? [last, 'desc'] : [last]) : null;
    return { items, nextCursor };
  }

  async revision(id: string, revision: number): Promise<RevisionEntry & { article: Article }> {
    const { rows } = await this.pool.query<RevisionEntry>(
      `SELECT ${ENTRY} FROM article_revisions WHERE article_id = $1 AND revision = $2`,
      [id, revision],
    );
    if (!rows[0]) {
      await this.reader.current(id);
      throw new ArticleError('RevisionNotFound', `Article ${id} has no revision ${revision}.`);
    }
    return { ...rows[0], article: await this.reader.atRevision(id, revision) };
  }

  /** The entries of the revisions named, oldest first (a stale edit's 412 names who changed its text). */
  async entriesAt(id: string, revisions: readonly number[]): Promise<RevisionEntry[]> {
    const { rows } = await this.pool.query<RevisionEntry>(
      `SELECT ${ENTRY} FROM article_revisions WHERE article_id = $1 AND revision = ANY($2::int[]) ORDER BY revision`,
      [id, revisions],
    );
    return rows;
  }
}
