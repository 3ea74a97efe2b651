import { join } from 'node:path';
import { Client } from 'pg';
import { quoteIdentifier, runAdmin, runMigrations, startEmbeddedDatabase, withDatabase } from '@newsroom/database';

/**
 * The server the whole test run uses: DATABASE_URL when set, else an embedded cluster under
 * .data/. Every run builds one migrated template; every test file clones its own database from it.
 */
export interface TestCluster {
  adminUrl: string;
  template: string;
  runId: string;
}

const ENV_KEY = 'NEWSROOM_TEST_CLUSTER';
let embeddedStop: (() => Promise<void>) | undefined;

export async function setUpCluster(): Promise<void> {
  const runId = `${Date.now().toString(36)}_${process.pid}`;
  const adminUrl = process.env.DATABASE_URL ?? (await startEmbedded());
  const template = `newsroom_tpl_${runId}`;
  await runAdmin(adminUrl, `CREATE DATABASE ${quoteIdentifier(template)}`);
  await runMigrations(withDatabase(adminUrl, template));
  const cluster: TestCluster = { adminUrl, template, runId };
  process.env[ENV_KEY] = JSON.stringify(cluster);
}

export async function tearDownCluster(): Promise<void> {
  const cluster = currentCluster();
  const client = new Client({ connectionString: cluster.adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `newsroom_%${cluster.runId}%`,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(datname)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
  await embeddedStop?.();
}

export function currentCluster(): TestCluster {
  const raw = process.env[ENV_KEY];
  if (!raw) throw new Error('The test cluster was not set up (jest globalSetup did not run)');
  return JSON.parse(raw) as TestCluster;
}

async function startEmbedded(): Promise<string> {
  const database = await startEmbeddedDatabase(join(process.cwd(), '.data', 'test-postgres'), 'newsroom_test');
  embeddedStop = () => database.stop();
  return database.adminUrl;
}
