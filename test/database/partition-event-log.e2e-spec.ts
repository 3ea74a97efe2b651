import { Pool } from 'pg';
import { EventStore, verifyLog } from '@newsroom/event-store';
import { EVENT_PARTITIONS } from '../../migrations/1796500000000-PartitionEventLog';
import { migrationUnderTest } from '../support/migration-under-test';

const STREAMS = 40;
const REVISIONS = 25;

/** Every stored field of every event, in position order: what the migration must move unchanged. */
const ALL = `
  SELECT position, stream_id, revision, type, data, metadata, idempotency_key, recorded_at,
         transaction_id::text AS transaction_id, encode(hash, 'hex') AS hash, encode(salt, 'hex') AS salt,
         encode(content_digest, 'hex') AS content_digest
  FROM events ORDER BY position`;

const PARTITIONED = `SELECT relkind = 'p' AS partitioned FROM pg_class WHERE oid = 'events'::regclass`;

/** What the plain table is made of, by name: columns, constraints, indexes and triggers. */
const SHAPE = `
  SELECT 'column ' || attname || ' ' || format_type(atttypid, atttypmod) || ' ' || attnotnull || ' ' || attidentity::text AS part
  FROM pg_attribute WHERE attrelid = 'events'::regclass AND attnum > 0 AND NOT attisdropped
  UNION ALL SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'events'::regclass
  UNION ALL SELECT 'index ' || pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'events'::regclass
  UNION ALL SELECT 'trigger ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = 'events'::regclass
  ORDER BY 1`;

const REDACTED = { stream: 'story-3', revision: 2 };

/**
 * The migration that partitions the log, run on a database that already holds events (one stream
 * of them redacted): every row moves with its position, transaction, salt, digest and hash, the
 * chains and the redaction still verify, the identity goes on past the old one, and `down` gives
 * back the plain table, the same rows and the same schema.
 */
describe('migration PartitionEventLog', () => {
  const { client, withIt: migrated } = migrationUnderTest('PartitionEventLog1796500000000');

  it('moves every event into the partitions unchanged, and back again on the way down', async () => {
    // Several transactions, each a batch over many streams; salts, digests and hashes filled by the table's trigger.
    for (let r = 1; r <= REVISIONS; r++) {
      await client.query(
        `INSERT INTO events (stream_id, revision, type, data, metadata, idempotency_key)
         SELECT 'story-' || s, $1::int, 'Noted', jsonb_build_object('n', $1::int, 's', s, 'text', 'Matthew Chance'),
                '{"actor":"eddie"}', CASE WHEN $1::int = 1 THEN 'eddie␟key-' || s END
         FROM generate_series(1, $2::int) AS s ORDER BY s`,
        [r, STREAMS],
      );
    }
    const withIt = await migrated();
    const pool = new Pool({ connectionString: (withIt.options as { url: string }).url, max: 2 });
    const store = new EventStore(pool);
    try {
      await redactInSql(REVISIONS + 1);
      const shape = (await client.query(SHAPE)).rows;
      const before = (await client.query(ALL)).rows;
      expect(before).toHaveLength(STREAMS * REVISIONS + 1);
      expect(await verifyLog(pool)).toEqual({ streams: STREAMS, events: STREAMS * REVISIONS + 1, broken: [] });

      const started = performance.now();
      expect((await withIt.runMigrations()).map((m) => m.name)).toEqual(['PartitionEventLog1796500000000']);
      process.stdout.write(`PartitionEventLog up: ${before.length} events in ${(performance.now() - started).toFixed(0)} ms\n`);
      expect((await client.query(PARTITIONED)).rows).toEqual([{ partitioned: true }]);
      expect((await client.query(ALL)).rows).toEqual(before);
      expect(await verifyLog(pool)).toEqual({ streams: STREAMS, events: before.length, broken: [] });
      const { rows: spread } = await client.query<{ partitions: number }>(
        `SELECT count(DISTINCT tableoid)::int AS partitions FROM events`,
      );
      // 40 streams hashed into 64 partitions fill about 30 of them (31, as it happens: the hash is fixed).
      expect(spread[0].partitions).toBeGreaterThan(EVENT_PARTITIONS / 4);

      // The identity goes on past every moved position; the store appends and redacts on the new table.
      const last = Math.max(...before.map((row: { position: string }) => Number(row.position)));
      const added = await store.append('story-1', [{ type: 'Noted', data: {}, metadata: { schemaVersion: 1 } }], {
        expectedRevision: REVISIONS,
      });
      expect(added.events[0].position).toBeGreaterThan(last);
      await redact(store, REVISIONS + 2);
      expect(await verifyLog(pool)).toEqual({ streams: STREAMS, events: before.length + 2, broken: [] });
      await expect(client.query(`DELETE FROM events WHERE stream_id = 'story-1'`)).rejects.toThrow(/events are immutable/);
      const after = (await client.query(ALL)).rows;

      await withIt.undoLastMigration();
      expect((await client.query(PARTITIONED)).rows).toEqual([{ partitioned: false }]);
      expect((await client.query(ALL)).rows).toEqual(after);
      expect((await client.query(SHAPE)).rows).toEqual(shape);
      expect(await verifyLog(pool)).toEqual({ streams: STREAMS, events: after.length, broken: [] });
      // The table's trigger chains an append (the store speaks to the latest schema only).
      const { rows: again } = await client.query<{ position: string }>(
        `INSERT INTO events (stream_id, revision, type, data, metadata)
         VALUES ('story-1', ${REVISIONS + 2}, 'Noted', '{}', '{"schemaVersion": 1}') RETURNING position`,
      );
      expect(Number(again[0].position)).toBeGreaterThan(added.events[0].position);
      await expect(client.query(`TRUNCATE events`)).rejects.toThrow(/events are immutable/);
      await expect(client.query(`UPDATE events SET data = '{}' WHERE false`)).rejects.toThrow(/events are immutable/);
    } finally {
      await pool.end();
      await withIt.destroy();
    }
  });

  /** What EventStore.redact does, in SQL, for the schema before the migration (see `redact`). */
  async function redactInSql(revision: number): Promise<void> {
    const { rows } = await client.query<{ digest: string }>(
      `SELECT encode(redact_event($1, $2, $3, '{"schemaVersion": 1, "actor": "eddie"}'), 'hex') AS digest`,
      [REDACTED.stream, REDACTED.revision, JSON.stringify({ n: REDACTED.revision, s: 3, text: '[redacted]' })],
    );
    await client.query(
      `INSERT INTO events (stream_id, revision, type, data, metadata) VALUES ($1, $2, 'Redacted', '{"passage": "Matthew Chance"}', $3)`,
      [
        REDACTED.stream,
        revision,
        JSON.stringify({ schemaVersion: 1, redacts: [{ revision: REDACTED.revision, digest: rows[0].digest }] }),
      ],
    );
  }

  /** Redacts the name from REDACTED's event through redact_event, with a record at `revision`. */
  async function redact(store: EventStore, revision: number): Promise<void> {
    await store.transaction((tx) =>
      store.redact(
        REDACTED.stream,
        [
          {
            revision: REDACTED.revision,
            data: { n: REDACTED.revision, s: 3, text: '[redacted]' },
            metadata: { schemaVersion: 1, actor: 'eddie' },
          },
        ],
        { type: 'Redacted', data: { passage: 'Matthew Chance' }, metadata: { schemaVersion: 1 } },
        { expectedRevision: revision - 1 },
        tx,
      ),
    );
  }
});
