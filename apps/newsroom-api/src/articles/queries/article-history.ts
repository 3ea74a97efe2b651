import { Injectable } from '@nestjs/common';
import type { components } from '@newsroom/api-client';
import { type Article, ArticleError } from '@newsroom/articles';
import { EventStore } from '@newsroom/event-store';
import { Pool } from 'pg';
import { streamIdOf } from '../article-stream';
import { ArticleReader } from './article-reader';
import { decodeCursor, encodeCursor } from './cursor';

/** One entry of the history, as the contract publishes it. */
export type RevisionEntry = components['schemas']['RevisionEntry'];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const ENTRY = `revision, type, actor, actor_name AS "actorName", reason, to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "recordedAt", summary`;

/** Who changed what, when and why: one entry per revision, oldest first, and the raw log. */
@Injectable()
export class ArticleHistory {
  constructor(
    private readonly pool: Pool,
    private readonly reader: ArticleReader,
    private readonly store: EventStore,
  ) {}

  /** A page of the history, oldest first, or newest first (`order: 'desc'`, as a desk shows it). */
  async revisions(id: string, limit = 50, cursor?: string, order: 'asc' | 'desc' = 'asc'): Promise<Page<RevisionEntry>> {
    const newestFirst = order === 'desc';
    const [from] = (
      newestFirst
        ? (decodeCursor(cursor, ['revision', 'newest-first']) ?? [2_147_483_647])
        : (decodeCursor(cursor, ['revision']) ?? [0])
    ) as [number];
    const { rows } = await this.pool.query<RevisionEntry>(
      newestFirst
        ? `SELECT ${ENTRY} FROM article_revisions WHERE article_id = $1 AND revision < $2 ORDER BY revision DESC LIMIT $3`
        : `SELECT ${ENTRY} FROM article_revisions WHERE article_id = $1 AND revision > $2 ORDER BY revision LIMIT $3`,
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

  async events(id: string) {
    const events = await this.store.readStream(streamIdOf(id));
    if (events.length === 0) await this.reader.current(id);
    return events.map(({ position, revision, type, data, metadata, recordedAt }) => ({
      position,
      revision,
      type,
      data,
      metadata,
      recordedAt,
    }));
  }
}
