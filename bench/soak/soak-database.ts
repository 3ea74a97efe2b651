import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { quoteIdentifier, startEmbeddedDatabase } from '@newsroom/database';

/**
 * The soak's embedded cluster lives apart from the other benchmarks' (bench/support uses
 * `.data/bench-postgres`): a soak runs for minutes and must neither share a cluster's cache and
 * disk with another benchmark running at the same time nor stop it at the end.
 */
const EMBEDDED_DIR = '.data/bench-soak-postgres';

/** A database of the soak's own, empty, on the server it was asked to use. */
export interface SoakDatabase {
  name: string;
  url: string;
  /** `DATABASE_URL` or the embedded cluster, for the report. */
  server: string;
  /** Drops the database (and stops the embedded cluster if this process started it). */
  drop(): Promise<void>;
}

/**
 * A uniquely named database on the server `DATABASE_URL` points at, or else in the soak's
 * embedded cluster: the events counted at the end are then exactly the ones this run wrote.
 */
export async function createSoakDatabase(): Promise<SoakDatabase> {
  const configured = process.env.DATABASE_URL?.trim();
  const server = configured
    ? { adminUrl: configured, stop: async () => undefined, label: `DATABASE_URL (${hostOf(configured)})` }
    : await embedded();
  const name = `newsroom_bench_soak_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await admin(server.adminUrl, `CREATE DATABASE ${quoteIdentifier(name)}`);
  let dropped = false;
  return {
    name,
    url: withDatabase(server.adminUrl, name),
    server: server.label,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      // FORCE: an API child that was killed may still hold connections.
      await admin(server.adminUrl, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
      await server.stop();
    },
  };
}

async function embedded(): Promise<{ adminUrl: string; stop: () => Promise<void>; label: string }> {
  const cluster = await startEmbeddedDatabase(EMBEDDED_DIR, 'postgres');
  return { adminUrl: cluster.adminUrl, stop: () => cluster.stop(), label: `embedded PostgreSQL (${EMBEDDED_DIR})` };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Host and port only: the report must not print a password. */
function hostOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}`;
}

async function admin(adminUrl: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
