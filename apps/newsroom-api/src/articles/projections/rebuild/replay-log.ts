import { setTimeout as sleep } from 'node:timers/promises';
import type { LogSnapshot, SnapshotEvent } from '@newsroom/event-store';
import type { Pool } from 'pg';
import { copyChunks, copyChunksOf, copyRows } from './copy-rows';
import { LogFold } from './log-fold';
import { REBUILD_TABLES } from './rebuild-tables';

export interface ReplayOptions {
  batchSize: number;
  /** A pause between batches, to go easy on a busy database. */
  throttleMs: number;
  /** Events folded and handed to COPY so far: at most one batch ahead of what is written. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Replays the log's snapshot into the rebuild's copies, returning the events replayed.
 *
 * Reading, folding and writing overlap: the next FETCH is in flight while a batch is folded, and
 * a batch's COPY runs on a connection of its own while the next one is read and folded. On two
 * cores Node and PostgreSQL then work at the same time instead of taking turns. Each stage waits
 * for the one before it to hand over, so at most three batches are held, however long the log.
 */
export async function replayLog(pool: Pool, log: LogSnapshot, options: ReplayOptions): Promise<number> {
  const writer = await pool.connect();
  // A dropped connection must fail the next COPY, not crash the process.
  const ignore = () => undefined;
  writer.on('error', ignore);
  const fold = new LogFold();
  let writing: Promise<void> = Promise.resolve();
  let done = 0;
  try {
    let fetching = started(log.next(options.batchSize));
    let batch: SnapshotEvent[] | undefined = await fetching;
    while (batch.length > 0) {
      fetching = started(log.next(options.batchSize));
      const events = batch.length;
      const chunks = copyChunksOf(fold.fold(batch), REBUILD_TABLES);
      // Let go of the batch (and of its rows, now COPY data) before waiting: held across the
      // waits, its parsed events would survive the young generation's collections and be
      // promoted. Garbage collection was a third of the rebuild's CPU, more than the fold.
      batch = undefined;
      await writing;
      writing = started(copyChunks(writer, chunks));
      done += events;
      options.onProgress?.(done, log.total);
      if (options.throttleMs > 0) await sleep(options.throttleMs);
      batch = await fetching;
    }
    await writing;
    await copyRows(writer, fold.finish(), REBUILD_TABLES);
  } catch (error) {
    // The connection may be mid-COPY: it is closed, not handed back to the pool. Its listener
    // stays, for the errors that closing it may still raise.
    writer.release(true);
    throw error;
  }
  writer.off('error', ignore);
  writer.release();
  return done;
}

/** Work started before it is awaited: should it fail first, the failure is not unhandled. */
function started<T>(work: Promise<T>): Promise<T> {
  work.catch(() => undefined);
  return work;
}
