import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { EventStore, type EventMetadata, type EventToAppend } from '@newsroom/event-store';
import { Latencies } from '../support/latencies';
import { type EventPayload, type InsertRun, type Meters, meteredRun } from './raw-insert';

/**
 * The log's own share of a command: the command's event appended through the event store alone,
 * with nothing written beside it. It pays what every command pays for the log (the append
 * statement, the chain trigger's digest and hash in SQL, the partitioned table's keys and
 * indexes, the wake-up of followers) and none of the read models. A command's PostgreSQL CPU and
 * WAL over this append's is what its read models cost; this append's over the raw row's
 * (raw-insert.ts) is what the log's guarantees cost.
 */
export async function measureLogAppends(
  databaseUrl: string,
  payload: EventPayload,
  connections: number,
  seconds: number,
  meters: Meters,
): Promise<InsertRun> {
  const pool = new Pool({ connectionString: databaseUrl, max: connections });
  const store = new EventStore(pool);
  const event = eventOf(payload);
  const prefix = `log-append-${randomUUID().slice(0, 8)}`;
  const revisions = new Array<number>(connections).fill(0);
  const appendUntil = (writer: number, deadline: number, latencies: Latencies) => async () => {
    do {
      const sent = performance.now();
      await store.append(`${prefix}-${writer}`, [event], { expectedRevision: revisions[writer] || 'no-stream' });
      latencies.record(performance.now() - sent);
      revisions[writer]++;
    } while (performance.now() < deadline);
  };
  try {
    // One append each first: every connection open and every statement prepared before the meters start.
    await Promise.all(revisions.map((_, writer) => appendUntil(writer, 0, new Latencies())()));
    return await meteredRun(meters, seconds, (deadline, latencies) =>
      Promise.all(revisions.map((_, writer) => appendUntil(writer, deadline, latencies)())),
    );
  } finally {
    await store.wakeFollowers();
    await pool.end();
  }
}

/** The stored event as the store takes it: the key the store sets itself left out of the metadata. */
function eventOf(payload: EventPayload): EventToAppend {
  const { idempotencyKey: _key, ...metadata } = JSON.parse(payload.metadata) as EventMetadata;
  return { type: payload.type, data: JSON.parse(payload.data) as Record<string, unknown>, metadata };
}
