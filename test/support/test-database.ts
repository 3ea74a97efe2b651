import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { quoteIdentifier, runAdmin, withDatabase } from '@newsroom/database';
import { pause } from './waiting';
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
    drop: () => dropDatabase(cluster.adminUrl, name),
  };
}

/**
 * Drops a test's database once its sessions are gone. A session still open here belongs to a
 * client the test forgot or one still closing; forcing it off at once (WITH (FORCE)) makes its
 * client emit 57P01 "terminating connection due to administrator command", unheard if nothing
 * listens, and Jest pins that on whichever test runs next. So wait a moment for closing ones,
 * name any left over on stderr, and only then force.
 */
async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const deadline = Date.now() + 2_000;
    let sessions: Array<{ pid: number; application_name: string; state: string; query: string }> = [];
    do {
      ({ rows: sessions } = await admin.query(
        'SELECT pid, application_name, state, left(query, 120) AS query FROM pg_stat_activity WHERE datname = $1',
        [name],
      ));
      if (sessions.length > 0) await pause(20);
    } while (sessions.length > 0 && Date.now() < deadline);
    if (sessions.length > 0) {
      process.stderr.write(`dropping ${name} with ${sessions.length} session(s) still open: ${JSON.stringify(sessions)}\n`);
    }
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
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
