import type { Pool } from 'pg';
import { rebuildProjections } from '../../apps/newsroom-api/src/articles/projections/rebuild/rebuild-projections';
import { dumpReadModels } from '../support/read-models';

/** Read behind the API's back: what the log itself says, whatever the API answered. */

export interface KeyedEvent {
  key: string;
  streamId: string;
  revision: number;
}

/**
 * Every event appended under one of `actor`'s `keys`, however many per key. The store records
 * the key scoped to its actor (`actor␟key`, so that two editors' keys cannot collide); the bare
 * key is accepted too, so the check does not depend on that detail.
 */
export async function eventsByKey(pool: Pool, actor: string, keys: string[]): Promise<Map<string, KeyedEvent[]>> {
  const { rows } = await pool.query<{ key: string; stream_id: string; revision: number }>(
    `SELECT k.key, e.stream_id, e.revision FROM events e
     JOIN unnest($2::text[]) AS k(key) ON e.metadata->>'idempotencyKey' IN (k.key, $1 || k.key)
     ORDER BY e.position`,
    [`${actor}\u241f`, keys],
  );
  const byKey = new Map<string, KeyedEvent[]>(keys.map((key) => [key, []]));
  for (const row of rows) byKey.get(row.key)?.push({ key: row.key, streamId: row.stream_id, revision: row.revision });
  return byKey;
}

/** Streams whose revisions are not exactly 1..n (the unique key rules out doubles, this rules out gaps). */
export async function streamsWithGaps(pool: Pool): Promise<Array<{ stream_id: string; revisions: number[] }>> {
  const { rows } = await pool.query<{ stream_id: string; revisions: number[] }>(
    `SELECT stream_id, array_agg(revision ORDER BY revision) AS revisions FROM events
     GROUP BY stream_id HAVING min(revision) <> 1 OR max(revision) <> count(*) OR count(DISTINCT revision) <> count(*)`,
  );
  return rows;
}

/**
 * The served read models, then the same after a full rebuild from the log: equal when the live
 * projections lost nothing and applied nothing twice. Asynchronous read models must have caught
 * up before this is called.
 */
export async function readModelsAndRebuild(pool: Pool, url: string): Promise<{ live: string; rebuilt: string }> {
  const live = await dumpReadModels(pool);
  await rebuildProjections(pool, url);
  return { live, rebuilt: await dumpReadModels(pool) };
}
