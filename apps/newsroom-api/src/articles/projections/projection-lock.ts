import type { PoolClient } from 'pg';
import { SERVED_TABLES } from './read-model-writer';

/**
 * Taken by a rebuild for the moment it catches up and swaps tables. EXCLUSIVE mode waits for
 * every transaction that has written a served table to end and holds off new writers, while
 * readers go on. A command's projection statement takes its table locks before it writes, so a
 * command that appended meanwhile waits here and then writes into the swapped-in tables
 * (PostgreSQL looks a table name up again after waiting for its lock). The tables are named in
 * the order a command's statement writes them, so the two never wait for each other in a cycle.
 */
export async function holdProjectionsExclusive(client: Pick<PoolClient, 'query'>): Promise<void> {
  const { articles, revisions, fieldChanges, terms, corrections } = SERVED_TABLES;
  await client.query(`LOCK TABLE ${articles}, ${revisions}, ${fieldChanges}, ${terms}, ${corrections} IN EXCLUSIVE MODE`);
}
