import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { LogSnapshot, type SnapshotEvent } from '@newsroom/event-store';
import { emptyRows, type ReadModelRows } from '../../apps/newsroom-api/src/articles/projections/read-model-rows';
import { copyRows } from '../../apps/newsroom-api/src/articles/projections/rebuild/copy-rows';
import { LogFold } from '../../apps/newsroom-api/src/articles/projections/rebuild/log-fold';
import { createRebuildTables, REBUILD_TABLES } from '../../apps/newsroom-api/src/articles/projections/rebuild/rebuild-tables';
import { formatProfileSummary, summariseCpuProfile } from '../support/cpu-profile-summary';
import { runInChild } from './child-runs';

const PROFILE_ROOT = 'dist/bench-projections/profiles';

/**
 * Where a rebuild's time goes: the rebuild again under `--cpu-prof` (Node's side, by place and
 * function), then the COPY of one batch of the log into empty copies, table by table
 * (PostgreSQL's side), and the plan of the log's cursor.
 */
export async function diagnoseRebuild(
  url: string,
  batchSize: number,
  postmaster: number | undefined,
  log: (line: string) => void,
): Promise<void> {
  await profileRebuild(url, batchSize, postmaster, log);
  await timeCopies(url, batchSize);
}

async function profileRebuild(
  url: string,
  batchSize: number,
  postmaster: number | undefined,
  log: (line: string) => void,
): Promise<void> {
  const dir = join(PROFILE_ROOT, String(Date.now()));
  mkdirSync(dir, { recursive: true });
  log(`rebuilding again under --cpu-prof (profile in ${dir})`);
  const profiled = await runInChild('rebuild', url, batchSize, postmaster, { cpuProfileDir: dir });
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  console.log(
    `\nrebuild under --cpu-prof: ${Math.round(profiled.eventsPerSecond).toLocaleString('en')} events/s (slowed by the profiler)`,
  );
  if (file) console.log(formatProfileSummary(summariseCpuProfile(join(dir, file), undefined, 20)));
}

/** The rebuild's COPY of the log's first batch, table by table, on empty copies; the cursor's plan. */
export async function timeCopies(url: string, batchSize: number): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const batch = await firstBatch(client, batchSize);
    const fold = new LogFold();
    const rows = emptyRows();
    for (const event of batch) fold.add(event, rows);
    fold.finish(rows);
    console.log(`\nthe rebuild's COPY of the first ${batch.length} events of the log, on empty copies:`);
    for (const table of ['revisions', 'articles', 'corrections'] as const) {
      const only: ReadModelRows = { ...emptyRows(), [table]: rows[table] };
      await createRebuildTables(client);
      await client.query('BEGIN');
      const started = performance.now();
      await copyRows(client, only, REBUILD_TABLES);
      const ms = performance.now() - started;
      await client.query('ROLLBACK');
      const count = rows[table].length;
      console.log(
        `  ${REBUILD_TABLES[table]}: ${count} rows in ${ms.toFixed(1)} ms (${count > 0 ? ((ms * 1000) / count).toFixed(1) : '-'} µs/row)`,
      );
    }

    await client.query('BEGIN');
    const { rows: cursorPlan } = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN DECLARE log_snapshot NO SCROLL CURSOR FOR SELECT * FROM events WHERE stream_id LIKE 'article-%' ORDER BY stream_id, revision`,
    );
    await client.query('ROLLBACK');
    console.log(`\nthe log's cursor (LogSnapshot):\n${cursorPlan.map((row) => `  ${row['QUERY PLAN']}`).join('\n')}`);
    for (const table of Object.values(REBUILD_TABLES)) await client.query(`DROP TABLE IF EXISTS ${table}`);
  } finally {
    await client.end();
  }
}

async function firstBatch(client: Client, batchSize: number): Promise<SnapshotEvent[]> {
  const log = await LogSnapshot.open(client, 'article-');
  const batch = await log.next(batchSize);
  await log.close();
  return batch;
}
