import { randomBytes } from 'node:crypto';
import { quoteIdentifier, runAdmin, startEmbeddedDatabase, withDatabase } from '@newsroom/database';

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
 * embedded cluster of this benchmark's own under `.data/<prefix>-postgres`: benchmarks running
 * at the same time neither share a cluster's cache nor stop each other's at the end. The embedded
 * cluster starts with `BENCH_POSTGRES_SETTINGS` (`"shared_buffers=4GB max_wal_size=16GB"`), for
 * a log larger than the default 128 MB of shared buffers; a shared server keeps its own. A unique
 * name lets runs (and a failed run's leftovers) never collide with each other or the app's data.
 */
export async function createBenchDatabase(prefix: string): Promise<BenchDatabase> {
  const configured = process.env.DATABASE_URL?.trim();
  const server = configured
    ? { adminUrl: configured, stop: async () => undefined, label: `DATABASE_URL (${serverOf(configured)})` }
    : await embedded(`.data/${prefix}-postgres`);
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await runAdmin(server.adminUrl, `CREATE DATABASE ${quoteIdentifier(name)}`);
  let dropped = false;
  return {
    name,
    url: withDatabase(server.adminUrl, name),
    server: server.label,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      // FORCE: a killed API child may still hold connections.
      await runAdmin(server.adminUrl, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
      await server.stop();
    },
  };
}

async function embedded(directory: string): Promise<{ adminUrl: string; stop: () => Promise<void>; label: string }> {
  const settings = (process.env.BENCH_POSTGRES_SETTINGS ?? '').split(/\s+/).filter(Boolean);
  const cluster = await startEmbeddedDatabase(directory, 'postgres', settings);
  const label = `embedded PostgreSQL (${directory}${settings.length > 0 ? `; ${settings.join(', ')}` : ''})`;
  return { adminUrl: cluster.adminUrl, stop: () => cluster.stop(), label };
}

/** Host and port only: the report must not print a password. */
function serverOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}`;
}
