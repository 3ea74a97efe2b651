import type { Pool, QueryConfig } from 'pg';

/**
 * Records the statements the store sends through `pool` while `work` runs (they still go to the
 * database): a test can then ask PostgreSQL how it plans exactly those.
 */
export async function sentQueries(pool: Pool, work: () => Promise<unknown>): Promise<QueryConfig[]> {
  const sent: QueryConfig[] = [];
  const original = pool.query;
  const send = original.bind(pool) as (config: string | QueryConfig, values?: unknown[]) => unknown;
  pool.query = ((config: string | QueryConfig, values?: unknown[]) => {
    sent.push(typeof config === 'string' ? { text: config, values } : config);
    return send(config, values);
  }) as Pool['query'];
  try {
    await work();
  } finally {
    pool.query = original;
  }
  return sent;
}

/** The plan PostgreSQL picks for a statement, as JSON text. */
export async function planOf(pool: Pool, statement: QueryConfig): Promise<string> {
  const { rows } = await pool.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${statement.text}`, statement.values);
  return JSON.stringify(rows[0]['QUERY PLAN']);
}
