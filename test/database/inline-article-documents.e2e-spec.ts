import { randomBytes, randomUUID } from 'node:crypto';
import { migrationUnderTest } from '../support/migration-under-test';

/**
 * The migration that keeps an article's document (and a revision's snapshot) in its row, run on a
 * database that already holds articles: documents stored out of line before it read the same after
 * it, a document written after it stays in the row, and the way down puts the default back.
 */
describe('migration InlineArticleDocuments', () => {
  const { client, withIt: migrated } = migrationUnderTest('InlineArticleDocuments1796600000000');

  /** ~3.5 KB of JSON that hardly compresses: stored out of line by default, in the row under MAIN. */
  const documentOf = (id: string, revision: number) => ({
    id,
    revision,
    headline: `Revision ${revision}`,
    blocks: [{ id: 'b1', type: 'paragraph', text: randomBytes(1700).toString('hex') }],
  });

  async function storageOf(table: string, column: string): Promise<string> {
    const { rows } = await client.query<{ attstorage: string }>(
      `SELECT attstorage FROM pg_attribute WHERE attrelid = $1::regclass AND attname = $2`,
      [table, column],
    );
    return rows[0].attstorage;
  }

  /** Live chunks in a table's TOAST table: none when every value is kept in its row. */
  async function toastChunks(table: string): Promise<number> {
    const { rows } = await client.query<{ toast: string }>(
      `SELECT reltoastrelid::regclass::text AS toast FROM pg_class WHERE oid = $1::regclass`,
      [table],
    );
    const { rows: counted } = await client.query<{ chunks: number }>(`SELECT count(*)::int AS chunks FROM ${rows[0].toast}`);
    return counted[0].chunks;
  }

  async function documents(): Promise<Map<string, unknown>> {
    const { rows } = await client.query<{ id: string; document: unknown }>('SELECT id, document FROM articles');
    return new Map(rows.map((row) => [row.id, row.document]));
  }

  async function rewrite(id: string, revision: number): Promise<unknown> {
    const document = documentOf(id, revision);
    await client.query('UPDATE articles SET revision = $2, updated_at = now(), document = $3 WHERE id = $1', [
      id,
      revision,
      document,
    ]);
    return document;
  }

  it('keeps documents written after it in their rows, reads those written before unchanged, and undoes it', async () => {
    const ids = [randomUUID(), randomUUID()];
    for (const id of ids) {
      await client.query(`INSERT INTO articles (id, revision, status, updated_at, document) VALUES ($1, 1, 'draft', now(), $2)`, [
        id,
        documentOf(id, 1),
      ]);
      await client.query(
        `INSERT INTO article_revisions (article_id, revision, type, actor, recorded_at, summary, position, snapshot)
         VALUES ($1, 1, 'ArticleCreated', 'anna', now(), 'Created', 1, $2)`,
        [id, documentOf(id, 1)],
      );
    }
    const before = await documents();
    expect(await toastChunks('articles')).toBeGreaterThan(0);
    expect(await storageOf('articles', 'document')).toBe('x');

    const withIt = await migrated();
    try {
      expect((await withIt.runMigrations()).map((m) => m.name)).toEqual(['InlineArticleDocuments1796600000000']);
      expect(await storageOf('articles', 'document')).toBe('m');
      expect(await storageOf('article_revisions', 'snapshot')).toBe('m');
      expect(await documents()).toEqual(before);

      const written = await Promise.all(ids.map((id) => rewrite(id, 2)));
      expect(await toastChunks('articles')).toBe(0);
      expect([...(await documents()).values()]).toEqual(expect.arrayContaining(written));
      // A rebuild's fresh copy of the table (LIKE … INCLUDING ALL) keeps the setting.
      await client.query('CREATE TEMP TABLE articles_copy (LIKE articles INCLUDING ALL)');
      expect(await storageOf('articles_copy', 'document')).toBe('m');

      await withIt.undoLastMigration();
      expect(await storageOf('articles', 'document')).toBe('x');
      expect(await storageOf('article_revisions', 'snapshot')).toBe('x');
      const again = await rewrite(ids[0], 3);
      expect(await toastChunks('articles')).toBeGreaterThan(0);
      expect((await documents()).get(ids[0])).toEqual(again);
    } finally {
      await withIt.destroy();
    }
  });
});
