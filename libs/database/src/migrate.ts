import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** Held while migrations run: one runner at a time per database. */
const MIGRATION_LOCK = 7_031_977;

/**
 * Brings the database at `url` to the newest migration, on connections of its own. Replicas of
 * the API that start together on a new database each run this: TypeORM takes no lock, and two
 * runners would both create the same tables (the loser failing the start). The advisory lock
 * makes the others wait, then find nothing left to run.
 */
export async function runMigrations(url: string): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations();
  } finally {
    // Closing the pool ends the lock's session, which releases it, whatever happened.
    await lock.release();
    await dataSource.destroy();
  }
}
