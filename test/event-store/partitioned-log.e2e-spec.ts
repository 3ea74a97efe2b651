import type { PoolClient } from 'pg';
import { type RecordedEvent, verifyLog, verifyStream } from '@newsroom/event-store';
import { EVENT_PARTITIONS } from '../../migrations/1796500000000-PartitionEventLog';
import { endOfLog, follow } from './follower';
import { until } from '../support/waiting';
import { type PlanNode, planNodes, planOf, sentQueries } from './sent-queries';
import { noted, notes, useEventStore } from './store-fixture';

const WRITERS = 16;
const STREAMS = 64;
const ROUNDS = 25;

/**
 * The log partitioned by hash of stream id: writers on streams of every partition, each append
 * one partition, and the follower still reading one global order, gap-free and exactly once.
 */
describe('the partitioned log', () => {
  const db = useEventStore(WRITERS + 4);
  let streams: string[] = [];

  beforeAll(async () => {
    // STREAMS / EVENT_PARTITIONS stream ids (one) for each partition, chosen by the partitioning's own hash.
    const { rows } = await db.pool.query<{ stream_id: string }>(
      `SELECT stream_id FROM (
         SELECT stream_id, row_number() OVER (PARTITION BY remainder ORDER BY n) AS nth
         FROM generate_series(1, 2000) AS n, LATERAL (SELECT 'part-' || n AS stream_id) AS s,
              generate_series(0, $1::int - 1) AS remainder
         WHERE satisfies_hash_partition('events'::regclass, $1::int, remainder, stream_id)
       ) AS chosen WHERE nth <= $2::int ORDER BY stream_id`,
      [EVENT_PARTITIONS, STREAMS / EVENT_PARTITIONS],
    );
    streams = rows.map((r) => r.stream_id);
    expect(streams).toHaveLength(STREAMS);
  });

  it(`delivers the events of ${WRITERS} writers over ${STREAMS} streams of every partition: none lost, duplicated or reordered`, async () => {
    const start = await endOfLog(db.store);
    // Each writer owns STREAMS / WRITERS streams, each of another partition, and
    // appends to them in turn: single events, batches of three, and some held open in a transaction
    // so that transactions commit out of position order.
    const owned = Array.from({ length: WRITERS }, (_, w) => streams.filter((_, i) => i % WRITERS === w));
    const perStream = (s: number) => (s % 2 === 0 ? ROUNDS : ROUNDS * 3);
    const total = streams.reduce((sum, _, s) => sum + perStream(s), 0);
    const handled: RecordedEvent[] = [];
    const subscription = await db.store.subscribe(async (events) => void handled.push(...events.filter(inRace)), {
      subscriber: 'partitioned-race',
      batchSize: 50,
      from: start,
    });
    let failed = false;
    const followed = follow(db.store, { prefix: 'part-', expect: total, after: start, limit: 50, stopped: () => failed });
    const writers = Promise.all(
      owned.map(async (mine, w) => {
        for (let round = 0; round < ROUNDS; round++) {
          for (const stream of mine) {
            const s = streams.indexOf(stream);
            const batch = s % 2 === 0 ? [noted(round + 1)] : notes(round * 3 + 1, 3);
            const expectedRevision = round * batch.length || 'no-stream';
            if ((round + w) % 5 !== 0) {
              await db.store.append(stream, batch, { expectedRevision });
              continue;
            }
            const client: PoolClient = await db.pool.connect();
            try {
              await client.query('BEGIN');
              await db.store.append(stream, batch, { expectedRevision }, client);
              await client.query('SELECT pg_sleep(0.002)');
              await client.query('COMMIT');
            } finally {
              client.release();
            }
            await db.store.wakeFollowers();
          }
        }
      }),
    ).catch((error: unknown) => {
      failed = true;
      throw error;
    });
    const seen = await followed;
    await writers;
    await until(() => handled.length >= total);
    await subscription.stop();

    for (const delivered of [seen, handled]) {
      expect(delivered).toHaveLength(total);
      expect(new Set(delivered.map((e) => e.position)).size).toBe(total);
      for (const [s, stream] of streams.entries()) {
        expect(delivered.filter((e) => e.streamId === stream).map((e) => e.revision)).toEqual(range(1, perStream(s)));
      }
      // One global order, (transaction id, position), as the unpartitioned log gave.
      for (let i = 1; i < delivered.length; i++) {
        const [a, b] = [delivered[i - 1], delivered[i]];
        const ordered =
          BigInt(a.transactionId) < BigInt(b.transactionId) || (a.transactionId === b.transactionId && a.position < b.position);
        expect(ordered).toBe(true);
      }
    }
    const { rows } = await db.pool.query<{ partition: string; rows: number }>(
      `SELECT tableoid::regclass::text AS partition, count(*)::int AS rows FROM events WHERE stream_id LIKE 'part-%' GROUP BY 1`,
    );
    expect(rows).toHaveLength(EVENT_PARTITIONS);
    for (const row of rows) expect(row.rows).toBeGreaterThan(0);
    expect((await verifyLog(db.pool)).broken).toEqual([]);
  });

  it('is a table partitioned by hash of stream_id, each of whose unique keys contains stream_id', async () => {
    const { rows: keys } = await db.pool.query<{ name: string; columns: string[] }>(
      `SELECT c.relname AS name, array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
       WHERE i.indrelid = 'events'::regclass AND i.indisunique GROUP BY c.relname ORDER BY c.relname`,
    );
    expect(keys).toEqual([
      { name: 'events_idempotency_key_idx', columns: ['stream_id', 'idempotency_key'] },
      { name: 'events_pkey', columns: ['stream_id', 'position'] },
      { name: 'events_stream_revision_key', columns: ['stream_id', 'revision'] },
    ]);
    const { rows } = await db.pool.query<{ key: string }>(`SELECT pg_get_partkeydef('events'::regclass) AS key`);
    expect(rows[0].key).toBe('HASH (stream_id)');
  });

  it.each([
    ['one event', 1],
    ['a batch', 3],
  ])('keeps one cached plan for a keyed append of %s on one connection, and reads no partition in it', async (_, size) => {
    const stream = streams[9];
    const client = await db.pool.connect();
    try {
      let expectedRevision = await db.store.streamRevision(stream, client);
      const sent = await sentQueries(db.pool, async () => {
        for (let i = 0; i < 12; i++) {
          const keyed = { expectedRevision, idempotencyKey: `plan-${size}-${i}` };
          expectedRevision = (await db.store.append(stream, notes(1, size), keyed, client)).nextExpectedRevision;
        }
        // Through the pool, where sentQueries sees it: the statement of this size, to plan below.
        await db.store.append(`plan-elsewhere-${size}`, notes(1, size), { expectedRevision: 'no-stream' });
      });
      // The store names its append statements: PostgreSQL plans each once per connection, and
      // after five custom plans keeps the generic one, unless that looks dearer. It did, with the
      // probes in the statement (every partition counted), and every append was planned again.
      const { rows: prepared } = await client.query<{ generic: number; custom: number }>(
        `SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements
         WHERE statement LIKE '%INSERT INTO events%' AND statement LIKE $1`,
        [size === 1 ? '%salted%' : '%WITH RECURSIVE%'],
      );
      expect(prepared).toHaveLength(1);
      expect(prepared[0].custom).toBeLessThanOrEqual(5);
      expect(prepared[0].generic).toBeGreaterThanOrEqual(7);
      const [append] = sent.filter((statement) => /INSERT INTO events/.test(statement.text));
      const plan = planNodes((JSON.parse(await planOf(db.pool, append)) as [{ Plan: PlanNode }])[0].Plan);
      expect(plan.filter((node) => node['Relation Name'] !== undefined && node['Relation Name'] !== 'events')).toEqual([]);
    } finally {
      client.release();
    }
  });

  it.each([
    ['the previous event', `SELECT hash FROM events WHERE stream_id = $1 AND revision = $2::int`, 1],
    ['the idempotency key', `SELECT FROM events WHERE stream_id = $1 AND idempotency_key = $2::text`, 'plan-1-0'],
  ])("probes %s, as event_stream_head's generic plan does, in the stream's partition alone", async (_, probe, value) => {
    const stream = streams[9];
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL plan_cache_mode = force_generic_plan`);
      await client.query(`PREPARE probe AS ${probe}`);
      const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE probe(${client.escapeLiteral(stream)}, ${client.escapeLiteral(String(value))})`,
      );
      const nodes = planNodes(rows[0]['QUERY PLAN'][0].Plan);
      const { rows: where } = await client.query<{ partition: string }>(
        `SELECT tableoid::regclass::text AS partition FROM events WHERE stream_id = $1 LIMIT 1`,
        [stream],
      );
      expect(nodes.filter((n) => n['Relation Name'] !== undefined).map((n) => n['Relation Name'])).toEqual([where[0].partition]);
      expect(nodes.find((n) => n['Node Type'] === 'Append')?.['Subplans Removed']).toBe(EVENT_PARTITIONS - 1);
    } finally {
      await client.query('ROLLBACK');
      await client.query('DEALLOCATE probe');
      client.release();
    }
  });

  it.each([
    ['UPDATE', (p: string) => `UPDATE ${p} SET data = '{}'`],
    ['UPDATE of no row', (p: string) => `UPDATE ${p} SET data = '{}' WHERE false`],
    ['DELETE', (p: string) => `DELETE FROM ${p}`],
    ['DELETE of no row', (p: string) => `DELETE FROM ${p} WHERE false`],
    ['TRUNCATE', (p: string) => `TRUNCATE ${p}`],
  ])('refuses %s on each partition directly', async (_, statement) => {
    const { rows } = await db.pool.query<{ name: string }>(
      `SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = 'events'::regclass ORDER BY 1`,
    );
    expect(rows).toHaveLength(EVENT_PARTITIONS);
    const before = await count();
    for (const { name } of rows) {
      await expect(db.pool.query(statement(name))).rejects.toThrow(/events are immutable/);
    }
    expect(await count()).toBe(before);
  });

  it('redacts through redact_event on the partitioned table, and the stream still verifies', async () => {
    const stream = streams[5];
    await db.store.append(stream, notes(1000, 3), { expectedRevision: await db.store.streamRevision(stream) });
    const head = await db.store.streamRevision(stream);
    await db.store.transaction((client) =>
      db.store.redact(
        stream,
        [{ revision: head - 1, data: { n: '[redacted]' }, metadata: { schemaVersion: 1, actor: 'alice' } }],
        { type: 'Redacted', data: { authority: 'High Court' }, metadata: { schemaVersion: 1, actor: 'lena' } },
        { expectedRevision: head },
        client,
      ),
    );
    const events = await db.store.readStream(stream, { fromRevision: head - 1 });
    expect(events.map((e) => e.data)).toEqual([{ n: '[redacted]' }, { n: 1002 }, { authority: 'High Court' }]);
    expect(await verifyStream(db.pool, stream)).toMatchObject({ verified: true, revisions: head + 1 });
    // The sanctioned path is redact_event's UPDATE of `events`: the same rewrite of its partition is refused.
    const { rows } = await db.pool.query<{ partition: string }>(
      `SELECT tableoid::regclass::text AS partition FROM events WHERE stream_id = $1 LIMIT 1`,
      [stream],
    );
    await expect(
      db.pool.query(`UPDATE ${rows[0].partition} SET data = '{"n":"forged"}' WHERE stream_id = $1 AND revision = 1`, [stream]),
    ).rejects.toThrow(/events are immutable/);
  });

  async function count(): Promise<number> {
    const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM events`);
    return rows[0].n;
  }
});

function inRace(event: RecordedEvent): boolean {
  return event.streamId.startsWith('part-');
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
