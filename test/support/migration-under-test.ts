import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { migrations } from '@newsroom/migrations';
import { dataSourceOptions, quoteIdentifier, runAdmin, withDatabase } from '@newsroom/database';
import { currentCluster } from './test-cluster';

export interface MigrationUnderTest {
  /** Connected to the database once the suite has started. */
  client: Client;
  /** A data source with every migration up to and including the one under test, initialised. */
  withIt(): Promise<DataSource>;
}

/**
 * A database of the suite's own, migrated to just before `name`, so that a test can fill it with
 * history in the old shape and then run that one migration on it (and undo it). Registers its
 * own beforeAll and afterAll: call it inside a describe.
 */
export function migrationUnderTest(name: string): MigrationUnderTest {
  const cluster = currentCluster();
  const database = `newsroom_m_${cluster.runId}_${randomBytes(4).toString('hex')}`;
  const url = withDatabase(cluster.adminUrl, database);
  const client = new Client({ connectionString: url });
  const target = migrations.findIndex((m) => new m().name === name);
  if (target < 0) throw new Error(`no migration named ${name}`);
  const dataSourceWith = (list: typeof migrations) => new DataSource({ ...dataSourceOptions(url), migrations: list });

  beforeAll(async () => {
    await runAdmin(cluster.adminUrl, `CREATE DATABASE ${quoteIdentifier(database)}`);
    const before = dataSourceWith(migrations.slice(0, target));
    await before.initialize();
    await before.runMigrations();
    await before.destroy();
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await runAdmin(cluster.adminUrl, `DROP DATABASE IF EXISTS ${quoteIdentifier(database)} WITH (FORCE)`);
  });

  return {
    client,
    withIt: async () => {
      const source = dataSourceWith(migrations.slice(0, target + 1));
      await source.initialize();
      return source;
    },
  };
}
