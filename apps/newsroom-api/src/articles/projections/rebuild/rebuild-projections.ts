import { setTimeout as sleep } from 'node:timers/promises';
import { type Article, emptyArticle } from '@newsroom/articles';
import { LogSnapshot, type RecordedEvent } from '@newsroom/event-store';
import { Client, type Pool } from 'pg';
import { toArticleEvent } from '../../article-stream';
import { holdProjectionsExclusive } from '../projection-lock';
import { emptyRows, type ReadModelRows, rowsFor } from '../read-model-rows';
import { writeRows } from '../read-model-writer';
import { createRebuildTables, REBUILD_TABLES, swapInRebuildTables } from './rebuild-tables';

const ARTICLE_PREFIX = 'article-';
/** Held for a rebuild's whole run on its reading connection: two rebuilds would share the copies. */
const REBUILD_LOCK = 7_031_978;

export class RebuildAlreadyRunningError extends Error {
  constructor() {
    super('Another projections rebuild is running; try again when it has finished.');
    this.name = 'RebuildAlreadyRunningError';
  }
}

export interface RebuildOptions {
  batchSize?: number;
  /** Rows gathered before one batched write. */
  flushEvery?: number;
  /** A pause between batches, to go easy on a busy database. */
  throttleMs?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface RebuildReport {
  events: number;
  caughtUp: number;
  seconds: number;
}

/**
 * Replays the whole log into fresh copies of the read models while the API keeps serving the
 * old ones, then, with commands held off for a moment, applies what was committed meanwhile and
 * swaps the copies in atomically. Killed half-way, it leaves only the copies behind.
 */
export async function rebuildProjections(
  pool: Pool,
  connectionString: string,
  options: RebuildOptions = {},
): Promise<RebuildReport> {
  const started = Date.now();
  const reader = new Client({ connectionString });
  // A dropped connection must fail the rebuild's next query, not crash the process.
  reader.on('error', () => undefined);
  await reader.connect();
  try {
    const { rows } = await reader.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [REBUILD_LOCK]);
    if (!rows[0].locked) throw new RebuildAlreadyRunningError();
    await createRebuildTables(pool);
    const log = await LogSnapshot.open(reader, ARTICLE_PREFIX);
    const events = await replay(pool, log, options);
    await log.close();
    const caughtUp = await catchUpAndSwap(pool, log.snapshot);
    return { events, caughtUp, seconds: (Date.now() - started) / 1000 };
  } finally {
    await reader.end();
  }
}

async function replay(pool: Pool, log: LogSnapshot, options: RebuildOptions): Promise<number> {
  const folder = new StreamFolder(options.flushEvery ?? 5000, (rows) => writeRows(pool, rows, REBUILD_TABLES));
  let done = 0;
  for (
    let batch = await log.next(options.batchSize ?? 5000);
    batch.length > 0;
    batch = await log.next(options.batchSize ?? 5000)
  ) {
    await folder.add(batch);
    done += batch.length;
    options.onProgress?.(done, log.total);
    if (options.throttleMs) await sleep(options.throttleMs);
  }
  await folder.flush();
  return done;
}

async function catchUpAndSwap(pool: Pool, snapshot: string): Promise<number> {
  const client = await pool.connect();
  const ignore = () => undefined;
  client.on('error', ignore);
  try {
    await client.query('BEGIN');
    await holdProjectionsExclusive(client);
    const late = await LogSnapshot.committedSince(client, snapshot, ARTICLE_PREFIX);
    const folder = new StreamFolder(
      Infinity,
      (rows) => writeRows(client, rows, REBUILD_TABLES),
      async (id) => {
        const { rows } = await client.query<{ document: Article }>(
          `SELECT document FROM ${REBUILD_TABLES.articles} WHERE id = $1`,
          [id],
        );
        return rows[0]?.document ?? emptyArticle(id);
      },
    );
    await folder.add(late);
    await folder.flush();
    await swapInRebuildTables(client);
    await client.query('COMMIT');
    return late.length;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.off('error', ignore);
    client.release();
  }
}

/** Folds events that arrive stream by stream into read-model rows, writing them in batches. */
class StreamFolder {
  private rows: ReadModelRows = emptyRows();
  private article?: Article;

  constructor(
    private readonly flushEvery: number,
    private readonly write: (rows: ReadModelRows) => Promise<void>,
    private readonly startOf: (id: string) => Promise<Article> = async (id) => emptyArticle(id),
  ) {}

  async add(events: RecordedEvent[]): Promise<void> {
    for (const run of runsByStream(events)) {
      const id = run[0].streamId.slice(ARTICLE_PREFIX.length);
      const before = this.article?.id === id ? this.article : await this.startOf(id);
      this.article = rowsFor(before, run.map(toArticleEvent), run, this.rows);
      if (this.rows.revisions.length >= this.flushEvery) await this.flush();
    }
  }

  async flush(): Promise<void> {
    const rows = this.rows;
    this.rows = emptyRows();
    await this.write(rows);
  }
}

function runsByStream(events: RecordedEvent[]): RecordedEvent[][] {
  const runs: RecordedEvent[][] = [];
  for (const event of events) {
    const last = runs[runs.length - 1];
    if (last && last[0].streamId === event.streamId) last.push(event);
    else runs.push([event]);
  }
  return runs;
}
