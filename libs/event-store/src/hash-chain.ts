import type { Queryable } from './queryable';
import * as sql from './sql';

/** What a check of one stream's hash chain found. */
export type StreamAudit =
  { verified: true; revisions: number; headHash: string | null } | { verified: false; revisions: number; brokenAt: number };

export interface LogAudit {
  streams: number;
  events: number;
  broken: Array<{ streamId: string; revisions: number; brokenAt: number }>;
}

interface VerifiedBatch {
  revisions: number;
  broken_at: number | null;
  last_revision: number;
  last_hash: Buffer;
  more: boolean;
}

/** Revisions per statement of `verifyStream`: its memory, in the database and here, is one batch's. */
export const VERIFY_BATCH = 1000;

/**
 * Recomputes a stream's chain in the database, a batch of revisions at a time in order; reports
 * the first revision that does not hold.
 */
export async function verifyStream(client: Queryable, streamId: string, batchSize = VERIFY_BATCH): Promise<StreamAudit> {
  let revisions = 0;
  let brokenAt: number | null = null;
  let last: { revision: number; hash: Buffer } = { revision: 0, hash: Buffer.alloc(0) };
  for (let after = 0, more = true; more; after += batchSize) {
    const { rows } = await client.query<VerifiedBatch>(sql.VERIFY_STREAM_BATCH, [
      streamId,
      after,
      last.hash,
      last.revision,
      batchSize,
    ]);
    const batch = rows[0];
    revisions += batch.revisions;
    brokenAt ??= batch.broken_at;
    if (batch.revisions > 0) last = { revision: batch.last_revision, hash: batch.last_hash };
    more = batch.more;
  }
  const headHash = revisions === 0 ? null : last.hash.toString('hex');
  return brokenAt === null ? { verified: true, revisions, headHash } : { verified: false, revisions, brokenAt };
}

/** Streams per statement of `verifyLog`: a progress report after each batch. */
export const VERIFY_STREAMS_BATCH = 500;

export interface VerifyLogOptions {
  streamsPerBatch?: number;
  /** Events checked so far, of the log's total when the audit began. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Checks every stream of the log, a batch of streams per statement. Run it in one REPEATABLE READ
 * transaction for totals that agree with what was checked while others append.
 */
export async function verifyLog(client: Queryable, options: VerifyLogOptions = {}): Promise<LogAudit> {
  const totals = await client.query<{ streams: number; events: number }>(sql.COUNT_STREAMS);
  const { streams, events } = totals.rows[0];
  const broken: LogAudit['broken'] = [];
  let done = 0;
  // Stream ids compare as text: every one is after '' (they are never empty).
  let after = '';
  for (;;) {
    const { rows } = await client.query<{ stream_id: string; revisions: number; broken_at: number | null }>(
      sql.VERIFY_STREAMS_AFTER,
      [after, options.streamsPerBatch ?? VERIFY_STREAMS_BATCH],
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      done += row.revisions;
      if (row.broken_at !== null) broken.push({ streamId: row.stream_id, revisions: row.revisions, brokenAt: row.broken_at });
    }
    after = rows[rows.length - 1].stream_id;
    options.onProgress?.(done, events);
  }
  return { streams, events, broken };
}
