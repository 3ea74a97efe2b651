import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { type Checkpoint, type EventStore, START, Subscription } from '@newsroom/event-store';
import type { EventPayload } from './payload';

export interface CatchUpRun {
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

export const LAST_CHECKPOINT = `
  SELECT transaction_id::text AS "transactionId", position::float8 AS position
  FROM events ORDER BY transaction_id DESC, position DESC LIMIT 1`;

const SEED = `
  INSERT INTO events (stream_id, revision, type, data, metadata)
  SELECT 'catch-up-' || (i % 1000), i / 1000 + 1, $1, $2::jsonb, $3::jsonb FROM generate_series(0, $4::int - 1) AS i`;

/** Bulk-inserts `count` events in one statement; returns the checkpoint just before them. */
export async function seedLog(pool: Pool, payload: EventPayload, count: number): Promise<Checkpoint> {
  const { rows } = await pool.query<Checkpoint>(LAST_CHECKPOINT);
  await pool.query(SEED, [payload.type, payload.data, payload.metadata, count]);
  return rows[0] ?? START;
}

/** A bare `readAll` follower: batches after its checkpoint until it has read `count` events. */
export async function timeReadAll(store: EventStore, after: Checkpoint, count: number, batchSize: number): Promise<CatchUpRun> {
  const started = performance.now();
  let read = 0;
  while (read < count) {
    const batch = await store.readAll({ after, limit: batchSize });
    // Empty only while some other transaction in the cluster holds the log back.
    if (batch.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    else after = batch[batch.length - 1];
    read += batch.length;
  }
  return runOf(read, started);
}

/** A `Subscription` catching up: the same reads, plus a stored checkpoint per batch. */
export async function timeSubscription(
  store: EventStore,
  pool: Pool,
  after: Checkpoint,
  count: number,
  batchSize: number,
): Promise<CatchUpRun> {
  const started = performance.now();
  let read = 0;
  let caughtUp = (): void => undefined;
  const done = new Promise<void>((resolve) => (caughtUp = resolve));
  const subscription = new Subscription(
    store,
    pool,
    async (events) => {
      read += events.length;
      if (read >= count) caughtUp();
    },
    { subscriber: `bench-${Date.now()}`, from: after, batchSize },
  );
  await subscription.start();
  await done;
  await subscription.stop();
  return runOf(read, started);
}

function runOf(events: number, started: number): CatchUpRun {
  const seconds = (performance.now() - started) / 1000;
  return { events, seconds, eventsPerSecond: events / seconds };
}
