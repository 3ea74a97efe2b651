import { performance } from 'node:perf_hooks';
import { Client, Pool } from 'pg';
import { EventStore } from '@newsroom/event-store';
import { Latencies, type LatencySummary } from '../support/latencies';
import { CORRECTION, CORRECTION_ROW } from './payload';
import type { StoreBenchSettings } from './settings';

export interface CaseRun extends LatencySummary {
  eventsPerSecond: number;
}

export interface AppendComparison {
  writers: number;
  raw: CaseRun;
  store: CaseRun;
}

/** A copy of the events table (columns, defaults, keys, indexes), without the store's trigger. */
const RAW_TABLE = 'bench_raw_events';
const RAW_INSERT = `INSERT INTO ${RAW_TABLE} (stream_id, revision, type, data, metadata) VALUES ($1, $2, $3, $4, $5)`;

/** What one writer does once: append (or insert) the next event of its own stream. */
type Write = (writer: number, revision: number) => Promise<unknown>;

/**
 * `writers` clients, one event per transaction each, on streams of their own: through the event
 * store (its pool, one connection per writer and one for wake-ups), and as plain single-row
 * INSERTs of the same payload with the `pg` driver (one connection per writer). The two take
 * turns in slices, raw-store-store-raw, until each has run `seconds`.
 */
export async function compareAppends(
  url: string,
  writers: number,
  settings: StoreBenchSettings,
  label: string,
): Promise<AppendComparison> {
  const pool = new Pool({ connectionString: url, max: writers + 1 });
  const clients = Array.from({ length: writers }, () => new Client({ connectionString: url }));
  try {
    await Promise.all(clients.map((client) => client.connect()));
    // Both sides start with their connections open: connecting is not what is measured.
    const pooled = await Promise.all(Array.from({ length: writers + 1 }, () => pool.connect()));
    for (const client of pooled) client.release();
    // Same shape and indexes, but none of the store's triggers: the hash the store's trigger
    // computes is part of what the ratio measures, so the raw side leaves it empty.
    await clients[0].query(`CREATE TABLE IF NOT EXISTS ${RAW_TABLE} (LIKE events INCLUDING ALL)`);
    await clients[0].query(`ALTER TABLE ${RAW_TABLE} ALTER COLUMN hash DROP NOT NULL`);
    const store = new EventStore(pool);
    const storeWrite: Write = (w, revision) =>
      store.append(`${label}-store-${w}`, [CORRECTION], { expectedRevision: revision - 1 || 'no-stream' });
    const rawWrite: Write = (w, revision) =>
      clients[w].query(RAW_INSERT, [
        `${label}-raw-${w}`,
        revision,
        CORRECTION_ROW.type,
        CORRECTION_ROW.data,
        CORRECTION_ROW.metadata,
      ]);
    const raw = new Case(writers, rawWrite);
    const appends = new Case(writers, storeWrite);
    await raw.run(settings.warmupSeconds * 500, new Latencies());
    await appends.run(settings.warmupSeconds * 500, new Latencies());
    const slices = Math.max(1, Math.round((settings.seconds * 1000) / settings.sliceMs));
    for (let slice = 0; slice < slices; slice++) {
      const [first, second] = slice % 2 === 0 ? [raw, appends] : [appends, raw];
      await first.measure(settings.sliceMs);
      await second.measure(settings.sliceMs);
    }
    await store.wakeFollowers();
    return { writers, raw: raw.result(), store: appends.result() };
  } finally {
    await Promise.all(clients.map((client) => client.end()));
    await pool.end();
  }
}

/** One side of the comparison: its writers' next revisions and what was measured so far. */
class Case {
  private readonly revisions: number[];
  private readonly latencies = new Latencies();
  private seconds = 0;

  constructor(
    writers: number,
    private readonly write: Write,
  ) {
    this.revisions = Array.from({ length: writers }, () => 1);
  }

  async measure(ms: number): Promise<void> {
    this.seconds += await this.run(ms, this.latencies);
  }

  /** Every writer writes until the time is up; returns the seconds it took. */
  async run(ms: number, latencies: Latencies): Promise<number> {
    const started = performance.now();
    const deadline = started + ms;
    await Promise.all(
      this.revisions.map(async (_, w) => {
        while (performance.now() < deadline) {
          const sent = performance.now();
          await this.write(w, this.revisions[w]++);
          latencies.record(performance.now() - sent);
        }
      }),
    );
    return (performance.now() - started) / 1000;
  }

  result(): CaseRun {
    return { ...this.latencies.summary(), eventsPerSecond: this.latencies.count / this.seconds };
  }
}
