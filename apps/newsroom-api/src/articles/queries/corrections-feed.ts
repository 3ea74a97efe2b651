import { Injectable, Optional } from '@nestjs/common';
import { Pool } from 'pg';
import { ReplicaSet } from '../../replicas/replica-set';
import { CorrectionsFollower } from '../projections/corrections-follower';
import type { Page } from './article-history';
import { decodeCursor, encodeCursor } from './cursor';

export interface CorrectionEntry {
  articleId: string;
  revision: number;
  headline: string | null;
  kind: string;
  text: string;
  recordedAt: string;
}

/** The public corrections feed across all articles, newest first. */
@Injectable()
export class CorrectionsFeed {
  constructor(
    private readonly pool: Pool,
    private readonly follower: CorrectionsFollower,
    @Optional() private readonly replicas?: ReplicaSet,
  ) {}

  async page(limit = 20, cursor?: string): Promise<Page<CorrectionEntry>> {
    // A cursor that does not decode is refused before any wait for the follower.
    const [recordedAt, position] = decodeCursor(cursor, ['time', 'position']) ?? [null, null];
    // The feed is filled after the commands commit; a reader still sees every notice published
    // before it asked.
    await this.follower.catchUp();
    // The follower wrote them on the primary after the commands committed: a replica serving
    // this read must have replayed that far too (a Consistency-Token alone does not cover them).
    await this.replicas?.readAfterPrimary();
    const { rows } = await this.pool.query<CorrectionEntry & { position: string; recorded: Date }>(
      `SELECT article_id AS "articleId", revision, headline, kind, text, recorded_at AS recorded, position,
              to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "recordedAt"
       FROM corrections
       WHERE $1::timestamptz IS NULL OR (recorded_at, position) < ($1::timestamptz, $2::bigint)
       ORDER BY recorded_at DESC, position DESC
       LIMIT $3`,
      [recordedAt, position, limit + 1],
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(({ articleId, revision, headline, kind, text, recordedAt }) => ({
        articleId,
        revision,
        headline,
        kind,
        text,
        recordedAt,
      })),
      nextCursor: rows.length > limit ? encodeCursor([last.recorded.toISOString(), Number(last.position)]) : null,
    };
  }
}
