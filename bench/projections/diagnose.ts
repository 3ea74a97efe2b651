import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { emptyArticle } from '@newsroom/articles';
import { LogSnapshot, type RecordedEvent } from '@newsroom/event-store';
import { toArticleEvent } from '../../apps/newsroom-api/src/articles/article-stream';
import { emptyRows, type ReadModelRows, rowsFor } from '../../apps/newsroom-api/src/articles/projections/read-model-rows';
import { writeRows } from '../../apps/newsroom-api/src/articles/projections/read-model-writer';
import { createRebuildTables, REBUILD_TABLES } from '../../apps/newsroom-api/src/articles/projections/rebuild/rebuild-tables';
import { formatProfileSummary, summariseCpuProfile } from '../support/cpu-profile-summary';
import { runInChild } from './child-runs';
import { copyRows } from './prototype/copy-rows';

const PROFILE_ROOT = 'dist/bench-projections/profiles';

/**
 * Where a rebuild's time goes: the rebuild again under `--cpu-prof` (Node's side, by place and
 * function), then the statements the writer sends for one batch of the log, run alone and under
 * EXPLAIN ANALYZE on empty copies (PostgreSQL's side), and the plan of the log's cursor.
 */
export async function diagnoseRebuild(
  url: string,
  batchSize: number,
  postmaster: number | undefined,
  log: (line: string) => void,
): Promise<void> {
  await profileRebuild(url, batchSize, postmaster, log);
  await explainWriter(url, batchSize);
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

/** The writer's statements for the log's first batch, alone and under EXPLAIN ANALYZE; the cursor's plan. */
export async function explainWriter(url: string, batchSize: number): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const batch = await firstBatch(client, batchSize);
    const rows = rowsOf(batch);
    console.log(`\nthe writer's statements for the first ${batch.length} events of the log, on empty copies:`);
    for (const statement of await writerStatements(rows)) {
      await createRebuildTables(client);
      const alone = await timedInRollback(client, statement.text, statement.values);
      await createRebuildTables(client);
      const plan = await timedInRollback(client, `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.values);
      const rows = (JSON.parse(String(statement.values[0])) as unknown[]).length;
      const bytes = Buffer.byteLength(String(statement.values[0]));
      console.log(
        `\n${statement.text.split('\n')[0].slice(0, 90)}…\n  ${rows} rows, ${(bytes / 1024).toFixed(0)} kB of JSON: ` +
          `${alone.ms.toFixed(1)} ms alone (${((alone.ms * 1000) / rows).toFixed(1)} µs/row)`,
      );
      console.log(plan.rows.map((row) => `  ${row['QUERY PLAN']}`).join('\n'));
    }
    // The same rows the way the prototype writes them, for comparison.
    await createRebuildTables(client);
    await client.query('BEGIN');
    const started = performance.now();
    await copyRows(client, rows, REBUILD_TABLES);
    const copyMs = performance.now() - started;
    await client.query('ROLLBACK');
    console.log(`\nthe same rows by COPY (prototype/copy-rows.ts), all three tables: ${copyMs.toFixed(1)} ms`);

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

async function firstBatch(client: Client, batchSize: number): Promise<RecordedEvent[]> {
  const log = await LogSnapshot.open(client, 'article-');
  const batch = await log.next(batchSize);
  await log.close();
  return batch;
}

/** The read-model rows of `batch`, as the rebuild folds them. */
function rowsOf(batch: RecordedEvent[]): ReadModelRows {
  const rows = emptyRows();
  for (let start = 0; start < batch.length;) {
    let end = start;
    while (end < batch.length && batch[end].streamId === batch[start].streamId) end++;
    const run = batch.slice(start, end);
    rowsFor(emptyArticle(run[0].streamId.slice('article-'.length)), run.map(toArticleEvent), run, rows);
    start = end;
  }
  return rows;
}

/** The statements `writeRows` sends for `rows`, caught rather than run. */
async function writerStatements(rows: ReadModelRows): Promise<Array<{ text: string; values: unknown[] }>> {
  const statements: Array<{ text: string; values: unknown[] }> = [];
  await writeRows(
    {
      query: (async (text: string, values: unknown[]) => {
        statements.push({ text, values });
        return { rows: [] };
      }) as never,
    },
    rows,
    REBUILD_TABLES,
  );
  return statements;
}

async function timedInRollback(
  client: Client,
  text: string,
  values: unknown[],
): Promise<{ ms: number; rows: Array<{ 'QUERY PLAN': string }> }> {
  await client.query('BEGIN');
  try {
    const started = performance.now();
    const result = await client.query<{ 'QUERY PLAN': string }>(text, values);
    return { ms: performance.now() - started, rows: result.rows };
  } finally {
    await client.query('ROLLBACK');
  }
}
