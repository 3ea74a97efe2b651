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

/** Recomputes a stream's chain in the database; reports the first revision that does not hold. */
export async function verifyStream(client: Queryable, streamId: string): Promise<StreamAudit> {
  const { rows } = await client.query<{ revisions: number; broken_at: number | null; head_hash: string | null }>(
    sql.VERIFY_STREAM,
    [streamId],
  );
  const { revisions, broken_at: brokenAt, head_hash: headHash } = rows[0];
  return brokenAt === null ? { verified: true, revisions, headHash } : { verified: false, revisions, brokenAt };
}

/** Checks every stream of the log in one pass. */
export async function verifyLog(client: Queryable): Promise<LogAudit> {
  const totals = await client.query<{ streams: number; events: number }>(sql.COUNT_STREAMS);
  const { rows } = await client.query<{ stream_id: string; revisions: number; broken_at: number }>(sql.VERIFY_ALL);
  return {
    ...totals.rows[0],
    broken: rows.map((row) => ({ streamId: row.stream_id, revisions: row.revisions, brokenAt: row.broken_at })),
  };
}
