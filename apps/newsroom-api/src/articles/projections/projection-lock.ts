import type { PoolClient } from 'pg';
import { type ReadModelTables, SERVED_TABLES } from './read-model-writer';

type Db = Pick<PoolClient, 'query'>;

/**
 * Locks the read-model tables in the order a command's statement writes them, so that two
 * lockers, or a locker and a command, never wait for each other in a cycle.
 */
async function lockReadModels(db: Db, mode: 'EXCLUSIVE' | 'ROW EXCLUSIVE', tables: ReadModelTables): Promise<void> {
  const { articles, revisions, fieldChanges, terms, corrections } = tables;
  await db.query(`LOCK TABLE ${articles}, ${revisions}, ${fieldChanges}, ${terms}, ${corrections} IN ${mode} MODE`);
}

/**
 * Taken by a rebuild for the moment it catches up and swaps tables. EXCLUSIVE mode waits for
 * every transaction that has written a served table to end and holds off new writers, while
 * readers go on. A command's projection statement takes its table locks before it writes, so a
 * command that appended meanwhile waits here and then writes into the swapped-in tables
 * (PostgreSQL looks a table name up again after waiting for its lock).
 */
export async function holdProjectionsExclusive(client: Db): Promise<void> {
  await lockReadModels(client, 'EXCLUSIVE', SERVED_TABLES);
}

/**
 * Taken by a redaction before it rewrites an article's rows: the mode a command's writes take,
 * all tables up front and in the same order, so that its later deletes and inserts never wait in
 * a cycle with a command or a rebuild's swap.
 */
export async function lockForRewrite(db: Db, tables: ReadModelTables = SERVED_TABLES): Promise<void> {
  await lockReadModels(db, 'ROW EXCLUSIVE', tables);
}
