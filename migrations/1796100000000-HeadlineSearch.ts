import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search by headline (GET /articles?q=): a journalist types `geneve cnn's` and expects
 * "Genève: CNN’s question" to match. So both the stored headline and each searched term pass
 * through one SQL function, `headline_fold`: accents removed (unaccent), typographic quotes made
 * straight, lower case. A trigram index on the folded headline serves `LIKE '%term%'` for terms
 * of three characters or more, whatever their position in the headline.
 *
 * Both extensions ship with PostgreSQL's contrib (the official images, the embedded default, the
 * managed services) and are trusted: the database's owner may create them. unaccent() is only
 * STABLE (its dictionary could change); naming the dictionary and wrapping it is the documented
 * way to index it: the fold then depends on nothing but its argument.
 *
 * The index builds with the table locked against writes; on a large live archive build it
 * first by hand with CREATE INDEX CONCURRENTLY under the same name, and this migration finds it.
 */
export class HeadlineSearch1796100000000 implements MigrationInterface {
  name = 'HeadlineSearch1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    // Qualified by the extension's schema: since PostgreSQL 17, index builds, VACUUM and ANALYZE
    // run expressions with search_path = pg_catalog, where an unqualified unaccent is not found.
    const [{ schema }] = (await queryRunner.query(
      `SELECT quote_ident(n.nspname) AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'`,
    )) as { schema: string }[];
    await queryRunner.query(`
      CREATE FUNCTION headline_fold(headline text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT lower(translate(${schema}.unaccent('${schema}.unaccent'::regdictionary, headline), '‘’‚‛“”„‟', '''''''''""""')) $$`);
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS articles_headline_search_idx ON articles USING gin (headline_fold(document->>'headline') gin_trgm_ops)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX articles_headline_search_idx`);
    await queryRunner.query(`DROP FUNCTION headline_fold(text)`);
    // The extensions stay: other schemas or tools may use them, and they cost nothing unused.
  }
}
