import type { PoolClient } from 'pg';

/**
 * Commands hold this advisory lock shared while they append and project; a rebuild takes it
 * exclusively for the moment it catches up and swaps tables, so no command writes into a
 * table that is being swapped out.
 */
const PROJECTION_LOCK = 7_031_977;

export async function holdProjectionsShared(client: Pick<PoolClient, 'query'>): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock_shared($1)', [PROJECTION_LOCK]);
}

export async function holdProjectionsExclusive(client: Pick<PoolClient, 'query'>): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [PROJECTION_LOCK]);
}
