import { randomBytes, randomUUID } from 'node:crypto';
import { joinArticle, type StoredArticle } from '../../apps/newsroom-api/src/articles/projections/article-document';
import { createRebuildTables, REBUILD_TABLES } from '../../apps/newsroom-api/src/articles/projections/rebuild/rebuild-tables';
import { migrationUnderTest } from '../support/migration-under-test';

/**
 * The migration that moves an article's blocks out of its document into a column of their own,
 * run on a database that already holds articles: each reads back as the same article, to the
 * byte of the JSON a read answers; the blocks are stored out of line, also in a rebuild's copy
 * of the table; and the way down gives the documents back as they were.
 */
describe('migration ArticleBlocks', () => {
  const { client, withIt: migrated } = migrationUnderTest('ArticleBlocks1796700000000');

  /** An article as the projection wrote it before: a few blocks of text that compresses, as prose does. */
  const documentOf = (id: string, blockCount: number) => ({
    id,
    revision: 3,
    status: 'draft',
    headline: 'Lavrov and Kerry meet in Geneva',
    byline: 'By Anna Smith',
    dateline: 'GENEVA',
    blocks: Array.from({ length: blockCount }, (_, i) => ({
      id: `b${i + 1}`,
      type: i === 0 ? 'subheading' : 'paragraph',
      text: `Paragraph ${i + 1} of the story, with a word of its own: ${randomBytes(8).toString('hex')}. `.repeat(4),
    })),
    categories: [{ slug: 'world', label: 'World' }],
    corrections: [],
    createdAt: '2024-06-16T18:30:00.000Z',
    updatedAt: '2024-06-16T18:31:00.000Z',
    publishedAt: null,
  });

  /** Each article's document as PostgreSQL prints it, and as a read answers it (JSON text). */
  async function documentTexts(): Promise<Map<string, string>> {
    const { rows } = await client.query<{ id: string; document: object }>('SELECT id, document FROM articles');
    return new Map(rows.map((row) => [row.id, JSON.stringify(row.document)]));
  }

  /** Values stored in a table's TOAST table. */
  async function toastedValues(table: string): Promise<number> {
    const { rows } = await client.query<{ toast: string }>(
      `SELECT reltoastrelid::regclass::text AS toast FROM pg_class WHERE oid = $1::regclass`,
      [table],
    );
    const { rows: counted } = await client.query<{ values: number }>(
      `SELECT count(DISTINCT chunk_id)::int AS values FROM ${rows[0].toast}`,
    );
    return counted[0].values;
  }

  async function optionsOf(table: string): Promise<string[] | null> {
    const { rows } = await client.query<{ options: string[] | null }>(
      `SELECT reloptions AS options FROM pg_class WHERE oid = $1::regclass`,
      [table],
    );
    return rows[0].options;
  }

  it('reads every article the same after it, keeps the blocks out of line, and undoes it', async () => {
    const sizes = [0, 1, 5, 30];
    const ids = sizes.map(() => randomUUID());
    for (const [i, id] of ids.entries()) {
      await client.query(`INSERT INTO articles (id, revision, status, updated_at, document) VALUES ($1, 3, 'draft', now(), $2)`, [
        id,
        documentOf(id, sizes[i]),
      ]);
    }
    const before = await documentTexts();
    expect(await toastedValues('articles')).toBe(0);

    const withIt = await migrated();
    try {
      expect((await withIt.runMigrations()).map((m) => m.name)).toEqual(['ArticleBlocks1796700000000']);
      const { rows } = await client.query<StoredArticle & { id: string; has_blocks: boolean }>(
        `SELECT id, document, blocks, document ? 'blocks' AS has_blocks FROM articles`,
      );
      expect(rows).toHaveLength(ids.length);
      for (const row of rows) {
        expect(row.has_blocks).toBe(false);
        // Byte for byte: the keys in the same order as the document alone had them.
        expect(JSON.stringify(joinArticle(row))).toBe(before.get(row.id));
      }
      // The blocks of the two stories whose rows exceed ~2 KB leave them, however well they compress;
      // a short story's row is never toasted.
      expect(await toastedValues('articles')).toBe(2);
      expect(await optionsOf('articles')).toEqual(['toast_tuple_target=128']);
      // A rebuild's copy takes the column, its storage and the table's storage parameters.
      await createRebuildTables(client);
      expect(await optionsOf(REBUILD_TABLES.articles)).toEqual(['toast_tuple_target=128']);
      for (const table of Object.values(REBUILD_TABLES)) await client.query(`DROP TABLE ${table}`);

      await withIt.undoLastMigration();
      expect(await documentTexts()).toEqual(before);
      expect(await optionsOf('articles')).toBeNull();
      const { rows: columns } = await client.query(
        `SELECT FROM pg_attribute WHERE attrelid = 'articles'::regclass AND attname = 'blocks' AND NOT attisdropped`,
      );
      expect(columns).toHaveLength(0);
    } finally {
      await withIt.destroy();
    }
  });
});
