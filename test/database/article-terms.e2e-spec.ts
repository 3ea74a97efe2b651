import { randomUUID } from 'node:crypto';
import { migrationUnderTest } from '../support/migration-under-test';

/**
 * The migration that moves the listing's headline and categories out of the article's row, run
 * on a database that already holds articles: the terms are copied, the listing's indexes follow,
 * and the way down puts the column and the indexes back with the same values.
 */
describe('migration ArticleTerms', () => {
  const { client, withIt: migrated } = migrationUnderTest('ArticleTerms1796300000000');

  const articles = [
    { id: randomUUID(), revision: 3, headline: 'Biden and Putin meet in Geneva', slugs: ['diplomacy', 'politics'] },
    { id: randomUUID(), revision: 1, headline: null, slugs: [] },
    { id: randomUUID(), revision: 7, headline: 'Élysée: “no comment”', slugs: ['france'] },
  ];

  async function indexesOf(table: string): Promise<string[]> {
    const { rows } = await client.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE tablename = $1 ORDER BY indexname`,
      [table],
    );
    return rows.map((r) => r.indexname);
  }

  it('copies every article’s headline and categories with its revision, and puts them back on the way down', async () => {
    for (const a of articles) {
      await client.query(
        `INSERT INTO articles (id, revision, status, category_slugs, updated_at, document)
         VALUES ($1, $2, 'published', $3, now(), $4)`,
        [a.id, a.revision, a.slugs, { id: a.id, revision: a.revision, headline: a.headline }],
      );
    }

    const withIt = await migrated();
    try {
      expect((await withIt.runMigrations()).map((m) => m.name)).toEqual(['ArticleTerms1796300000000']);
      const { rows } = await client.query(
        'SELECT article_id, revision, headline, category_slugs FROM article_terms ORDER BY revision',
      );
      expect(rows).toEqual(
        [...articles]
          .sort((a, b) => a.revision - b.revision)
          .map((a) => ({ article_id: a.id, revision: a.revision, headline: a.headline, category_slugs: a.slugs })),
      );
      expect(await indexesOf('article_terms')).toEqual([
        'article_terms_categories_idx',
        'article_terms_headline_idx',
        'article_terms_pkey',
      ]);
      expect(await indexesOf('articles')).not.toContain('articles_headline_search_idx');
      const search = await client.query(
        `SELECT article_id FROM article_terms WHERE headline_fold(headline) LIKE '%' || headline_fold('ELYSEE') || '%'`,
      );
      expect(search.rows).toEqual([{ article_id: articles[2].id }]);

      await withIt.undoLastMigration();
      const back = await client.query<{ id: string; category_slugs: string[] }>('SELECT id, category_slugs FROM articles');
      expect(new Map(back.rows.map((r) => [r.id, r.category_slugs]))).toEqual(new Map(articles.map((a) => [a.id, a.slugs])));
      expect(await indexesOf('articles')).toEqual(
        expect.arrayContaining(['articles_categories_idx', 'articles_headline_search_idx']),
      );
      const { rows: tables } = await client.query(`SELECT FROM pg_tables WHERE tablename = 'article_terms'`);
      expect(tables).toEqual([]);
    } finally {
      await withIt.destroy();
    }
  });
});
