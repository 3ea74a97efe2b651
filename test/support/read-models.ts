import type { Pool } from 'pg';

/** Every row of every read model, in key order, as one string: two builds compare byte for byte. */
export async function dumpReadModels(pool: Pool): Promise<string> {
  const tables = [
    ['articles', 'id'],
    ['article_terms', 'article_id'],
    ['article_revisions', 'article_id, revision'],
    ['article_field_changes', 'article_id, field, revision'],
    ['corrections', 'article_id, revision'],
  ];
  const parts: string[] = [];
  for (const [table, key] of tables) {
    const { rows } = await pool.query(`SELECT row_to_json(t)::text AS row FROM ${table} t ORDER BY ${key}`);
    parts.push(`${table}:${rows.map((r: { row: string }) => r.row).join('\n')}`);
  }
  return parts.join('\n---\n');
}
