import { LogSnapshot } from '@newsroom/event-store';
import { Client, type Pool } from 'pg';
import { ARTICLE_STREAMS } from './article-runs';
import { catchUpAndSwap } from './catch-up-and-swap';
import { RebuildProgress } from './rebuild-progress';
import { createRebuildTables, indexRebuildTables } from './rebuild-tables';
import { replayLog } from './replay-log';

/**
 * Held for a rebuild's whole run on its reading connection: two rebuilds would share the copies.
 * The API's metrics read it too, to tell that a rebuild (another process) is running.
 */
export const REBUILD_LOCK = 7_031_978;

export class RebuildAlreadyRunningError extends Error {
  constructor() {
    super('Another projections rebuild is running; try again when it has finished.');
    this.name = 'RebuildAlreadyRunningError';
  }
}

export interface RebuildOptions {
  /** Events per FETCH, and so per COPY. */
  batchSize?: number;
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
  // The log is read on a connection of its own: its snapshot transaction stays open throughout.
  const reader = new Client({ connectionString });
  // A dropped connection must fail the rebuild's next query, not crash the process.
  reader.on('error', () => undefined);
  await reader.connect();
  try {
    const { rows } = await reader.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [REBUILD_LOCK]);
    if (!rows[0].locked) throw new RebuildAlreadyRunningError();
    await createRebuildTables(pool);
    const log = await LogSnapshot.open(reader, ARTICLE_STREAMS);
    const progress = new RebuildProgress(reader);
    await progress.report('replaying', 0, log.total);
    const events = await replayLog(pool, log, {
      batchSize: options.batchSize ?? 5000,
      throttleMs: options.throttleMs ?? 0,
      onProgress: async (done, total) => {
        options.onProgress?.(done, total);
        await progress.report('replaying', done, total);
      },
    });
    await log.close();
    await progress.report('indexing', events, log.total);
    await indexRebuildTables(pool);
    await progress.report('swapping', events, log.total);
    const caughtUp = await catchUpAndSwap(pool, log.snapshot);
    return { events, caughtUp, seconds: (Date.now() - started) / 1000 };
  } finally {
    await reader.end();
  }
}
