import type { PoolClient } from 'pg';
import type { ReadModelRows } from './read-model-rows';

/** The tables one set of read models lives in: the served ones, or a rebuild's fresh copies. */
export interface ReadModelTables {
  articles: string;
  terms: string;
  revisions: string;
  fieldChanges: string;
  corrections: string;
}

export const SERVED_TABLES: ReadModelTables = {
  articles: 'articles',
  terms: 'article_terms',
  revisions: 'article_revisions',
  fieldChanges: 'article_field_changes',
  corrections: 'corrections',
};

/**
 * How an article's row is replaced: only by a later revision, so that a write that arrives late
 * (a redelivered batch, a rebuild's catch-up) never puts an older state back. The INSERT names
 * its table `a`.
 */
export const NEWER_ARTICLE_WINS = `
  ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, status = excluded.status,
    updated_at = excluded.updated_at, document = excluded.document, blocks = excluded.blocks
  WHERE a.revision < excluded.revision`;

/** The same rule for an article's terms: only terms of a later revision replace them. The INSERT names its table `t`. */
export const NEWER_TERMS_WIN = `
  ON CONFLICT (article_id) DO UPDATE SET revision = excluded.revision, headline = excluded.headline,
    category_slugs = excluded.category_slugs
  WHERE t.revision < excluded.revision`;

/**
 * Writes rows with one statement per table, however many rows: jsonb_populate_recordset turns a
 * JSON array into rows server-side. Re-applying the same events changes nothing, so delivery
 * may be at least once.
 */
export async function writeRows(
  client: Pick<PoolClient, 'query'>,
  rows: ReadModelRows,
  tables: ReadModelTables = SERVED_TABLES,
): Promise<void> {
  if (rows.articles.length > 0) {
    await client.query(
      `INSERT INTO ${tables.articles} AS a SELECT * FROM jsonb_populate_recordset(NULL::${tables.articles}, $1::jsonb) ${NEWER_ARTICLE_WINS}`,
      [JSON.stringify(latestPerArticle(rows.articles, (row) => row.id))],
    );
  }
  if (rows.terms.length > 0) {
    await client.query(
      `INSERT INTO ${tables.terms} AS t SELECT * FROM jsonb_populate_recordset(NULL::${tables.terms}, $1::jsonb) ${NEWER_TERMS_WIN}`,
      [JSON.stringify(latestPerArticle(rows.terms, (row) => row.article_id))],
    );
  }
  if (rows.revisions.length > 0) {
    await client.query(
      `INSERT INTO ${tables.revisions} SELECT * FROM jsonb_populate_recordset(NULL::${tables.revisions}, $1::jsonb) ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows.revisions)],
    );
  }
  if (rows.fieldChanges.length > 0) {
    await client.query(
      `INSERT INTO ${tables.fieldChanges} SELECT * FROM jsonb_populate_recordset(NULL::${tables.fieldChanges}, $1::jsonb) ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows.fieldChanges)],
    );
  }
  if (rows.corrections.length > 0) {
    await client.query(
      `INSERT INTO ${tables.corrections} SELECT * FROM jsonb_populate_recordset(NULL::${tables.corrections}, $1::jsonb) ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows.corrections)],
    );
  }
}

/** ON CONFLICT cannot touch one row twice in a statement: keep each article's last state only. */
function latestPerArticle<T extends { revision: number }>(rows: T[], articleOf: (row: T) => string): T[] {
  const latest = new Map<string, T>();
  for (const row of rows) if ((latest.get(articleOf(row))?.revision ?? 0) < row.revision) latest.set(articleOf(row), row);
  return [...latest.values()];
}
