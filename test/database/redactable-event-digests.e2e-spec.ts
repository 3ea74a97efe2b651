import { Pool } from 'pg';
import { verifyLog } from '@newsroom/event-store';
import { migrationUnderTest } from '../support/migration-under-test';

const STREAMS = 30;
const REVISIONS = 40;

/**
 * The migration that moves the hash chain to salted content digests, run on a log written in the
 * old scheme: it refuses a chain that does not hold, moves one that does and verifies it again,
 * and goes back to the very hashes it started from, unless a redaction exists.
 */
describe('migration RedactableEventDigests', () => {
  const { client, withIt: migrated } = migrationUnderTest('RedactableEventDigests1796400000000');

  async function hashes(): Promise<Map<string, string>> {
    const { rows } = await client.query<{ key: string; hash: string }>(
      `SELECT stream_id || '@' || revision AS key, encode(hash, 'hex') AS hash FROM events`,
    );
    return new Map(rows.map((r) => [r.key, r.hash]));
  }

  async function columns(): Promise<string[]> {
    const { rows } = await client.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'events' AND column_name IN ('salt', 'content_digest') ORDER BY 1`,
    );
    return rows.map((r) => r.column_name);
  }

  /** What EventStore.redact does, in this migration's SQL: redact_event, then the record listing the digest. */
  async function redactInSql(stream: string, revision: number, recordRevision: number): Promise<void> {
    const { rows } = await client.query<{ digest: string }>(
      `SELECT encode(redact_event($1, $2, $3, '{"schemaVersion": 1}'), 'hex') AS digest`,
      [stream, revision, JSON.stringify({ text: `[redacted] 2/${revision}` })],
    );
    await client.query(
      `INSERT INTO events (stream_id, revision, type, data, metadata) VALUES ($1, $2, 'PassageRedacted', '{}', $3)`,
      [stream, recordRevision, JSON.stringify({ schemaVersion: 1, redacts: [{ revision, digest: rows[0].digest }] })],
    );
  }

  it('refuses a broken chain, moves a sound one to digests and back, and refuses to go back over a redaction', async () => {
    // History in the old shape: the old table trigger hashes data and metadata themselves.
    await client.query(`
      INSERT INTO events (stream_id, revision, type, data, metadata)
      SELECT 'article-' || s, r, 'TextCorrected', jsonb_build_object('text', 'Matthew Chance ' || s || '/' || r),
             '{"schemaVersion": 1, "actor": "anna", "reason": "typo"}'
      FROM generate_series(1, ${STREAMS}) s, generate_series(1, ${REVISIONS}) r ORDER BY s, r`);
    const old = await hashes();
    await client.query('ALTER TABLE events DISABLE TRIGGER events_are_immutable');
    await client.query(`UPDATE events SET data = '{"text": "forged"}' WHERE stream_id = 'article-7' AND revision = 12`);

    const withIt = await migrated();
    const pool = new Pool({ connectionString: (withIt.options as { url: string }).url, max: 2 });
    try {
      await expect(withIt.runMigrations()).rejects.toThrow(
        /does not hold before moving it to content digests \(article-7 at revision 12\)/,
      );
      expect(await columns()).toEqual([]);
      await client.query(
        `UPDATE events SET data = '{"text": "Matthew Chance 7/12"}' WHERE stream_id = 'article-7' AND revision = 12`,
      );
      await client.query('ALTER TABLE events ENABLE TRIGGER events_are_immutable');

      const started = performance.now();
      expect((await withIt.runMigrations()).map((m) => m.name)).toEqual(['RedactableEventDigests1796400000000']);
      const elapsed = performance.now() - started;
      process.stdout.write(`RedactableEventDigests up: ${STREAMS * REVISIONS} events in ${elapsed.toFixed(0)} ms\n`);
      expect(await columns()).toEqual(['content_digest', 'salt']);
      const audit = await verifyLog(pool);
      expect(audit).toEqual({ streams: STREAMS, events: STREAMS * REVISIONS, broken: [] });
      const moved = await hashes();
      expect([...moved].filter(([key, hash]) => old.get(key) === hash)).toEqual([]);
      const salts = await client.query(`SELECT count(DISTINCT salt)::int AS salts FROM events`);
      expect(salts.rows[0].salts).toBe(STREAMS * REVISIONS);
      // The table's trigger chains an append after the moved chain. (Not through the store: it
      // speaks to the latest schema, where its append calls PartitionEventLog's event_stream_head.)
      await client.query(
        `INSERT INTO events (stream_id, revision, type, data, metadata) VALUES ('article-1', $1, 'Noted', '{}', '{"schemaVersion": 1}')`,
        [REVISIONS + 1],
      );

      await withIt.undoLastMigration();
      expect(await columns()).toEqual([]);
      const back = await hashes();
      expect([...old].filter(([key, hash]) => back.get(key) !== hash)).toEqual([]);
      await client.query(`SELECT event_hash(1, 'x', '{}'::jsonb, '{}'::jsonb, ''::bytea)`);

      await withIt.runMigrations();
      await redactInSql('article-2', 3, REVISIONS + 1);
      await expect(withIt.undoLastMigration()).rejects.toThrow(/cannot be undone: the log holds redactions/);
      expect(await columns()).toEqual(['content_digest', 'salt']);
      expect((await verifyLog(pool)).broken).toEqual([]);
    } finally {
      await pool.end();
      await withIt.destroy();
    }
  });
});
