import { setTimeout as sleep } from 'node:timers/promises';
import type { LogSnapshot } from '@newsroom/event-store';
import type { Pool } from 'pg';
import { copyChunks, CopySink } from './copy-rows';
import { LogFold } from './log-fold';
import { REBUILD_TABLES } from './rebuild-tables';

export interface ReplayOptions {
  batchSize: number;
  /** A pause between batches, to go easy on a busy database. */
  throttleMs: number;
  /**
   * Events folded and handed to COPY so far: at most one batch ahead of what is written. Called
   * between two reads of the log; the replay waits for what it returns.
   */
  onProgress?: (done: number, total: number) => void | Promise<void>;
}

/**
 * Replays the log's snapshot into the rebuild's copies, returning the events replayed.
 *
 * Each event is folded as it arrives, and its rows go straight into COPY data (CopySink): what
 * a batch leaves in memory is that data and the articles being folded, not thousands of events
 * and rows. Folding and writing overlap: a batch's COPY runs on a connection of its own while the
 * next batch is read and folded. On two cores Node and PostgreSQL then work at the same time
 * instead of taking turns, and at most two batches' COPY data are held, however long the log.
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
    let sink = new CopySink();
    for (;;) {
      const into = sink;
      const events = await log.read(options.batchSize, (event) => fold.add(event, into));
      if (events === 0) break;
      await writing;
      writing = started(copyChunks(writer, sink.chunks(REBUILD_TABLES)));
      sink = new CopySink(sink);
      done += events;
      await options.onProgress?.(done, log.total);
      if (options.throttleMs > 0) await sleep(options.throttleMs);
    }
    fold.finish(sink);
    await writing;
    await copyChunks(writer, sink.chunks(REBUILD_TABLES));
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
