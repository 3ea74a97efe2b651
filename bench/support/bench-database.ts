import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { quoteIdentifier, startEmbeddedDatabase } from '@newsroom/database';

/** Where the embedded cluster of the benchmarks lives: apart from the app's and the tests' own. */
const EMBEDDED_DIR = '.data/bench-postgres';

/** A database of the benchmark's own, empty, on the server it was asked to use. */
export interface BenchDatabase {
  name: string;
  url: string;
  /** `DATABASE_URL` or the embedded cluster, for the report. */
  server: string;
  /** Drops the database (and stops the embedded cluster if this process started it). */
  drop(): Promise<void>;
}

/**
 * Creates a uniquely named database on the server `DATABASE_URL` points at, or else in an
 * embedded cluster under `.data/bench-postgres`. A unique name lets runs (and a failed run's
 * leftovers) never collide with each other or with the app's data.
 */
export async function createBenchDatabase(prefix: string): Promise<BenchDatabase> {
  const configured = process.env.DATABASE_URL?.trim();
  const server = configured
    ? { adminUrl: configured, stop: async () => undefined, label: `DATABASE_URL (${serverOf(configured)})` }
    : await embedded();
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await admin(server.adminUrl, `CREATE DATABASE ${quoteIdentifier(name)}`);
  let dropped = false;
  return {
    name,
    url: withDatabase(server.adminUrl, name),
    server: server.label,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      // FORCE: a killed API child may still hold connections.
      await admin(server.adminUrl, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
      await server.stop();
    },
  };
}

async function embedded(): Promise<{ adminUrl: string; stop: () => Promise<void>; label: string }> {
  const cluster = await startEmbeddedDatabase(EMBEDDED_DIR, 'postgres');
  return { adminUrl: cluster.adminUrl, stop: () => cluster.stop(), label: `embedded PostgreSQL (${EMBEDDED_DIR})` };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Host and port only: the report must not print a password. */
function serverOf(url: string): string {
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
