import type { Pool, QueryConfig, QueryResult } from 'pg';

/** A statement as it was sent, and how many rows it answered once it had. */
export interface SentQuery extends QueryConfig {
  rows?: number;
}

/**
 * Records the statements sent through `pool` while `work` runs (they still go to the database),
 * with the rows each answered: a test can then ask PostgreSQL how it plans exactly those, or
 * count what a request read. Pass `sent` to watch them while `work` runs.
 */
export async function sentQueries(pool: Pool, work: () => Promise<unknown>, sent: SentQuery[] = []): Promise<SentQuery[]> {
  const original = pool.query;
  const send = original.bind(pool) as (config: string | QueryConfig, values?: unknown[]) => Promise<QueryResult>;
  pool.query = ((config: string | QueryConfig, values?: unknown[]) => {
    const entry: SentQuery = typeof config === 'string' ? { text: config, values } : { ...config };
    sent.push(entry);
    const answer = send(config, values);
    void answer.then(
      (result) => (entry.rows = result.rows.length),
      () => undefined,
    );
    return answer;
  }) as Pool['query'];
  try {
    await work();
  } finally {
    pool.query = original;
  }
  return sent;
}

/**
 * The plan PostgreSQL picks for a statement, as JSON text, with the given planner settings
 * (`SET LOCAL`, e.g. `enable_sort: 'off'`) for that one plan.
 */
export async function planOf(pool: Pool, statement: QueryConfig, settings: Record<string, string> = {}): Promise<string> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const [name, value] of Object.entries(settings)) await client.query(`SELECT set_config($1, $2, true)`, [name, value]);
    const { rows } = await client.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${statement.text}`, statement.values);
    return JSON.stringify(rows[0]['QUERY PLAN']);
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

/**
 * The rows PostgreSQL read from `relation` to answer a statement (it runs it: EXPLAIN ANALYZE),
 * counting its partitions' (`events_p07` for `events`) as its own.
 */
export async function rowsReadFrom(pool: Pool, statement: QueryConfig, relation: string): Promise<number> {
  const { rows } = await pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
    `EXPLAIN (ANALYZE, FORMAT JSON) ${statement.text}`,
    statement.values,
  );
  const read = (node: PlanNode): number =>
    (isPartOf(node['Relation Name'], relation) ? (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 0) : 0) +
    (node.Plans ?? []).reduce((sum, child) => sum + read(child), 0);
  return read(rows[0]['QUERY PLAN'][0].Plan);
}

/** Every node of a plan (EXPLAIN's JSON), depth first. */
export function planNodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(planNodes)];
}

function isPartOf(name: string | undefined, relation: string): boolean {
  return name === relation || name?.replace(/_p\d+$/, '') === relation;
}

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Subplans Removed'?: number;
  Plans?: PlanNode[];
}
