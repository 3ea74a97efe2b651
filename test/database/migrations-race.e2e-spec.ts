import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrations } from '@newsroom/migrations';
import { quoteIdentifier, runAdmin, runMigrations, withDatabase } from '@newsroom/database';
import { currentCluster } from '../support/test-cluster';

/** Replicas of the API starting together on a new database each run the migrations at start-up. */
const REPLICAS = 3;

describe('migrations run by several processes at once', () => {
  const cluster = currentCluster();
  const name = `newsroom_m_${cluster.runId}_${randomBytes(4).toString('hex')}`;
  const url = withDatabase(cluster.adminUrl, name);

  beforeAll(() => runAdmin(cluster.adminUrl, `CREATE DATABASE ${quoteIdentifier(name)}`));
  afterAll(() => runAdmin(cluster.adminUrl, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`));

  it('all succeed on an empty database, and each migration is applied once', async () => {
    const outcomes = await Promise.allSettled(Array.from({ length: REPLICAS }, () => runMigrations(url)));
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? 'ok' : String(o.reason)))).toEqual(new Array(REPLICAS).fill('ok'));
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>('SELECT name FROM migrations ORDER BY id');
      expect(rows.map((r) => r.name)).toEqual(migrations.map((m) => new m().name));
    } finally {
      await client.end();
    }
  });
});
