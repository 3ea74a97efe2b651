import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { quoteIdentifier, runAdmin, withDatabase } from '@newsroom/database';
import { currentCluster } from './test-cluster';

/** A fresh, migrated database of one's own, cloned from the run's template. */
export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const cluster = currentCluster();
  const name = `newsroom_t_${cluster.runId}_${randomBytes(4).toString('hex')}`;
  await runAdmin(cluster.adminUrl, `CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE ${quoteIdentifier(cluster.template)}`);
  return {
    name,
    url: withDatabase(cluster.adminUrl, name),
    drop: () => runAdmin(cluster.adminUrl, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`),
  };
}

/** A pool on a fresh database, for tests of the store below the HTTP layer. */
export async function createTestPool(max = 20): Promise<{ pool: Pool; database: TestDatabase; close(): Promise<void> }> {
  const database = await createTestDatabase();
  const pool = new Pool({ connectionString: database.url, max });
  // An idle connection that breaks while the tests run is a failure; one ended by dropping the
  // database at the end (DROP DATABASE … WITH (FORCE) terminates its backends) is not.
  let closing = false;
  const broken: Error[] = [];
  pool.on('error', (error) => {
    if (!closing) broken.push(error);
  });
  return {
    pool,
    database,
    close: async () => {
      closing = true;
      await pool.end();
      await database.drop();
      if (broken.length > 0) throw broken[0];
    },
  };
}
