import { verifyLog } from '@newsroom/event-store';
import { migrationUnderTest } from '../support/migration-under-test';

const STREAMS = 40;
const REVISIONS = 25;

/** Every stored field of every event, in position order: what the migration must move unchanged. */
const ALL = `
  SELECT position, stream_id, revision, type, data, metadata, idempotency_key, recorded_at,
         transaction_id::text AS transaction_id, encode(hash, 'hex') AS hash
  FROM events ORDER BY position`;

const PARTITIONED = `SELECT relkind = 'p' AS partitioned FROM pg_class WHERE oid = 'events'::regclass`;

/**
 * The migration that partitions the log, run on a database that already holds events: every row
 * moves with its position, transaction and hash, the chains still verify, the identity goes on
 * past the old one, and `down` gives back the plain table with the same rows.
 */
describe('migration PartitionEventLog', () => {
  const { client, withIt: migrated } = migrationUnderTest('PartitionEventLog1796300000000');

  it('moves every event into the partitions unchanged, and back again on the way down', async () => {
    // Several transactions, one with a batch over many streams; hashes filled by the table's trigger.
    for (let r = 1; r <= REVISIONS; r++) {
      await client.query(
        `INSERT INTO events (stream_id, revision, type, data, metadata, idempotency_key)
         SELECT 'story-' || s, $1::int, 'Noted', jsonb_build_object('n', $1::int, 's', s), '{"actor":"eddie"}',
                CASE WHEN $1::int = 1 THEN 'eddie␟key-' || s END
         FROM generate_series(1, $2::int) AS s ORDER BY s`,
        [r, STREAMS],
      );
    }
    const before = (await client.query(ALL)).rows;
    expect(before).toHaveLength(STREAMS * REVISIONS);
    expect((await verifyLog(client)).broken).toEqual([]);

    const withIt = await migrated();
    try {
      expect((await withIt.runMigrations()).map((m) => m.name)).toEqual(['PartitionEventLog1796300000000']);
      expect((await client.query(PARTITIONED)).rows).toEqual([{ partitioned: true }]);
      expect((await client.query(ALL)).rows).toEqual(before);
      const audit = await verifyLog(client);
      expect(audit).toMatchObject({ streams: STREAMS, events: STREAMS * REVISIONS, broken: [] });
      const { rows: spread } = await client.query<{ partitions: number }>(
        `SELECT count(DISTINCT tableoid)::int AS partitions FROM events`,
      );
      expect(spread[0].partitions).toBeGreaterThan(1);

      // The identity goes on past every moved position; the chain trigger still fills a hash.
      const last = Math.max(...before.map((row: { position: string }) => Number(row.position)));
      const { rows: added } = await client.query<{ position: string }>(
        `INSERT INTO events (stream_id, revision, type, data, metadata)
         VALUES ('story-1', ${REVISIONS + 1}, 'Noted', '{}', '{}') RETURNING position`,
      );
      expect(Number(added[0].position)).toBeGreaterThan(last);
      expect((await verifyLog(client)).broken).toEqual([]);
      await expect(client.query(`DELETE FROM events WHERE stream_id = 'story-1'`)).rejects.toThrow(/events are immutable/);
      const after = (await client.query(ALL)).rows;

      await withIt.undoLastMigration();
      expect((await client.query(PARTITIONED)).rows).toEqual([{ partitioned: false }]);
      expect((await client.query(ALL)).rows).toEqual(after);
      expect((await verifyLog(client)).broken).toEqual([]);
      const { rows: keys } = await client.query<{ name: string }>(
        `SELECT indexrelid::regclass::text AS name FROM pg_index WHERE indrelid = 'events'::regclass ORDER BY 1`,
      );
      expect(keys.map((k) => k.name)).toEqual([
        'events_idempotency_key_idx',
        'events_pkey',
        'events_stream_revision_key',
        'events_transaction_position_idx',
      ]);
      const { rows: again } = await client.query<{ position: string }>(
        `INSERT INTO events (stream_id, revision, type, data, metadata)
         VALUES ('story-1', ${REVISIONS + 2}, 'Noted', '{}', '{}') RETURNING position`,
      );
      expect(Number(again[0].position)).toBeGreaterThan(Number(added[0].position));
      await expect(client.query(`TRUNCATE events`)).rejects.toThrow(/events are immutable/);
      await expect(client.query(`UPDATE events SET data = '{}' WHERE false`)).rejects.toThrow(/events are immutable/);
    } finally {
      await withIt.destroy();
    }
  });
});
