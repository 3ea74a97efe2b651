import type { Client, Pool } from 'pg';
import type * as Articles from '../../../libs/articles/src';
import type * as EventStore from '../../../libs/event-store/src';
import type * as Lock from '../../../apps/newsroom-api/src/articles/projections/projection-lock';
import type * as Rows from '../../../apps/newsroom-api/src/articles/projections/read-model-rows';
import type * as Writer from '../../../apps/newsroom-api/src/articles/projections/read-model-writer';
import type * as Tables from '../../../apps/newsroom-api/src/articles/projections/rebuild/rebuild-tables';
import { copyRows } from './copy-rows';

/**
 * A copy of `rebuildProjections` with the two changes the benchmark points to, to measure them
 * before anyone edits the app:
 *
 * 1. The replay writes with COPY instead of JSON unpacked by jsonb_populate_recordset (see
 *    copy-rows.ts). An article's row is written once, when its stream ends, so plain COPY into
 *    the empty copies never meets a duplicate key.
 * 2. Reading, folding and writing overlap: the next FETCH is in flight while a batch is folded,
 *    and a batch's COPY runs while the next one is read and folded. On two cores Node and
 *    PostgreSQL then work at the same time instead of taking turns.
 *
 * It also converts events without `article-streams.ts`, which pulls NestJS and TypeORM (about
 * 30 MB of resident memory) into a process that needs neither. The catch-up and swap at the end
 * are the app's, unchanged. The app's modules come in as `app`: the benchmark runs this against
 * the compiled build.
 */
export interface PrototypeApp {
  articles: Pick<typeof Articles, 'emptyArticle' | 'upcast'>;
  store: Pick<typeof EventStore, 'LogSnapshot'>;
  rows: Pick<typeof Rows, 'rowsFor' | 'emptyRows'>;
  writer: Pick<typeof Writer, 'writeRows'>;
  tables: Pick<typeof Tables, 'createRebuildTables' | 'swapInRebuildTables' | 'REBUILD_TABLES'>;
  lock: Pick<typeof Lock, 'holdProjectionsExclusive'>;
  /** The Client class of the `pg` the app uses. */
  Client: typeof Client;
}

const ARTICLE_PREFIX = 'article-';
const REBUILD_LOCK = 7_031_978;

export async function rebuildPrototype(
  app: PrototypeApp,
  pool: Pool,
  connectionString: string,
  options: { batchSize: number; onProgress?: (done: number, total: number) => void },
): Promise<{ events: number; caughtUp: number; seconds: number }> {
  const started = Date.now();
  const reader = new app.Client({ connectionString });
  await reader.connect();
  try {
    const { rows } = await reader.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [REBUILD_LOCK]);
    if (!rows[0].locked) throw new Error('another rebuild is running');
    await app.tables.createRebuildTables(pool);
    const log = await app.store.LogSnapshot.open(reader, ARTICLE_PREFIX);
    const events = await replay(app, pool, log, options);
    await log.close();
    const caughtUp = await catchUpAndSwap(app, pool, log.snapshot);
    return { events, caughtUp, seconds: (Date.now() - started) / 1000 };
  } finally {
    await reader.end();
  }
}

async function replay(
  app: PrototypeApp,
  pool: Pool,
  log: EventStore.LogSnapshot,
  options: { batchSize: number; onProgress?: (done: number, total: number) => void },
): Promise<number> {
  const writer = await pool.connect();
  let writing: Promise<void> = Promise.resolve();
  let article: Articles.Article | undefined;
  /** The row of the article whose stream the last batch ended in: the next batch may go on with it. */
  let carried: Rows.ArticleRow | undefined;
  let done = 0;
  try {
    let fetching = log.next(options.batchSize);
    for (let batch = await fetching; batch.length > 0; batch = await fetching) {
      fetching = log.next(options.batchSize);
      const rows = app.rows.emptyRows();
      for (const run of runsByStream(batch)) {
        const id = run[0].streamId.slice(ARTICLE_PREFIX.length);
        const continues = article?.id === id;
        if (carried && !continues) rows.articles.push(carried);
        carried = undefined;
        article = app.rows.rowsFor(
          continues && article ? article : app.articles.emptyArticle(id),
          run.map(toArticleEvent(app)),
          run,
          rows,
        );
      }
      carried = rows.articles.pop();
      await writing;
      const write = copyRows(writer, rows, app.tables.REBUILD_TABLES);
      // Awaited before the next write; until then a failure must not count as unhandled.
      write.catch(() => undefined);
      writing = write;
      done += batch.length;
      options.onProgress?.(done, log.total);
    }
    await writing;
    if (carried) await copyRows(writer, { articles: [carried], revisions: [], corrections: [] }, app.tables.REBUILD_TABLES);
    return done;
  } finally {
    writer.release();
  }
}

/** The app's catch-up and swap, as they are. */
async function catchUpAndSwap(app: PrototypeApp, pool: Pool, snapshot: string): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await app.lock.holdProjectionsExclusive(client);
    const late = await app.store.LogSnapshot.committedSince(client, snapshot, ARTICLE_PREFIX);
    const rows = app.rows.emptyRows();
    for (const run of runsByStream(late)) {
      const id = run[0].streamId.slice(ARTICLE_PREFIX.length);
      const { rows: found } = await client.query<{ document: Articles.Article }>(
        `SELECT document FROM ${app.tables.REBUILD_TABLES.articles} WHERE id = $1`,
        [id],
      );
      app.rows.rowsFor(found[0]?.document ?? app.articles.emptyArticle(id), run.map(toArticleEvent(app)), run, rows);
    }
    await app.writer.writeRows(client, rows, app.tables.REBUILD_TABLES);
    await app.tables.swapInRebuildTables(client);
    await client.query('COMMIT');
    return late.length;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** `toArticleEvent` of article-streams.ts, without the NestJS and TypeORM that file imports. */
function toArticleEvent(app: PrototypeApp): (event: EventStore.RecordedEvent) => Articles.RecordedArticleEvent {
  return (event) => ({
    revision: event.revision,
    recordedAt: event.recordedAt.toISOString(),
    event: app.articles.upcast(event.type, event.data, event.metadata.schemaVersion),
  });
}

function runsByStream(events: EventStore.RecordedEvent[]): EventStore.RecordedEvent[][] {
  const runs: EventStore.RecordedEvent[][] = [];
  for (const event of events) {
    const last = runs[runs.length - 1];
    if (last && last[0].streamId === event.streamId) last.push(event);
    else runs.push([event]);
  }
  return runs;
}
