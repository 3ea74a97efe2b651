import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { Latencies, type LatencySummary } from '../support/latencies';
import type { EventRowInsert } from './floor-app/floor-fixtures';

/** One event as stored, JSON text as it goes over the wire. */
export interface EventPayload {
  type: string;
  data: string;
  metadata: string;
  /** Any further column the events table requires (such as its hash), in PostgreSQL's text input form. */
  columns?: Record<string, string>;
}

/** Readings taken right around the measured loop, while every client is connected. */
export interface Meters {
  begin(): Promise<void>;
  end(): Promise<void>;
}

export interface InsertRun extends LatencySummary {
  seconds: number;
  insertsPerSecond: number;
}

const TABLE = 'bench_raw_events';

/**
 * The ceiling the commands are compared with: plain single-row INSERTs of one real event's
 * payload into a copy of the events table (same columns, defaults, keys and indexes), each in
 * its own autocommitted transaction, by `connections` clients at once. No read, no check, no
 * projection: what one durable row costs this server.
 */
export async function measureRawInserts(
  databaseUrl: string,
  payload: EventPayload,
  connections: number,
  seconds: number,
  meters: Meters,
): Promise<InsertRun> {
  const clients = await Promise.all(Array.from({ length: connections }, () => connect(databaseUrl)));
  try {
    const insert = await copyEventsTable(clients[0], TABLE, payload);
    return await meteredRun(meters, seconds, (deadline, latencies) =>
      Promise.all(clients.map((client, index) => insertUntil(client, insert, `raw-${index}`, deadline, latencies))),
    );
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

/**
 * `run` until its deadline, `seconds` from now, between the meters' readings: its latencies, and
 * the rate of the operations it recorded.
 */
export async function meteredRun(
  meters: Meters,
  seconds: number,
  run: (deadline: number, latencies: Latencies) => Promise<unknown>,
): Promise<InsertRun> {
  const latencies = new Latencies();
  await meters.begin();
  const started = performance.now();
  await run(started + seconds * 1000, latencies);
  const elapsed = (performance.now() - started) / 1000;
  await meters.end();
  return { ...latencies.summary(), seconds: elapsed, insertsPerSecond: latencies.count / elapsed };
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/**
 * A fresh copy of the events table (same columns, defaults, keys and indexes) named `table`, and
 * the plain INSERT of the payload's columns into it. The copy has no triggers, so a column the
 * events table fills by trigger (or the store computes) must come with the payload: a missing
 * one is named rather than left to a bare NOT NULL violation.
 */
export async function copyEventsTable(client: Client, table: string, payload: EventPayload): Promise<EventRowInsert> {
  await client.query(`DROP TABLE IF EXISTS ${table}`);
  await client.query(`CREATE TABLE ${table} (LIKE events INCLUDING ALL)`);
  const given: Record<string, string> = {
    type: payload.type,
    data: payload.data,
    metadata: payload.metadata,
    ...payload.columns,
  };
  const { rows } = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 AND is_nullable = 'NO' AND column_default IS NULL AND is_identity = 'NO'`,
    [table],
  );
  const missing = rows
    .map((row) => row.column_name)
    .filter((name) => !['stream_id', 'revision'].includes(name) && !(name in given));
  if (missing.length > 0) throw new Error(`the raw INSERT needs a value for ${missing.join(', ')}: pass it in payload.columns`);
  const names = Object.keys(given);
  const placeholders = names.map((_, index) => `$${index + 3}`).join(', ');
  return {
    text: `INSERT INTO ${table} (stream_id, revision, ${names.join(', ')}) VALUES ($1, $2, ${placeholders})`,
    values: Object.values(given),
  };
}

/** One stream per client, revisions counting up: the same unique key the event store maintains. */
async function insertUntil(client: Client, insert: EventRowInsert, streamId: string, deadline: number, latencies: Latencies) {
  for (let revision = 1; performance.now() < deadline; revision++) {
    const sent = performance.now();
    await client.query(insert.text, [streamId, revision, ...insert.values]);
    latencies.record(performance.now() - sent);
  }
}
