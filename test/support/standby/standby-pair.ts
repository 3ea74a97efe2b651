import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '@newsroom/database';
import { copyBaseBackup, configureStandby } from './base-backup';
import { postgresBinaries } from './postgres-binaries';
import { initialise, removeDirectory, runAs, serverDirectory, ServerProcess } from './server-process';

const SLOT = 'newsroom_standby';

/**
 * A primary of its own and a streaming hot standby of it, in temporary directories on free
 * loopback ports. Never the run's shared server: a test pauses, stops and destroys these.
 */
export interface StandbyPair {
  primaryUrl(database: string): string;
  standbyUrl(database: string): string;
  primary: ServerProcess;
  standby: ServerProcess;
  /** Resolves once the standby has replayed everything the primary had written when called. */
  caughtUp(timeoutMs?: number): Promise<void>;
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Stops both servers and deletes their directories; safe to call twice, and after a failure. */
  destroy(): Promise<void>;
}

const pairs = new Set<{ kill(): void }>();
// A test that fails (or a worker that is torn down) must not leave servers behind.
process.once('exit', () => pairs.forEach((pair) => pair.kill()));

/** `settings`: more postgresql.conf lines for both servers (the standby copies the primary's). */
export async function startStandbyPair(settings: string[] = []): Promise<StandbyPair> {
  const binaries = await postgresBinaries();
  const owner = runAs();
  const primaryDir = serverDirectory('newsroom-primary', owner);
  const standbyDir = serverDirectory('newsroom-standby', owner);
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  const primary = new ServerProcess(binaries, primaryDir, primaryPort, owner);
  const standby = new ServerProcess(binaries, standbyDir, standbyPort, owner);
  const url = (port: number, database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const cleanup = {
    kill() {
      primary.kill();
      standby.kill();
      removeDirectory(primaryDir);
      removeDirectory(standbyDir);
    },
  };
  pairs.add(cleanup);
  try {
    await initialise(binaries, primaryDir, owner);
    configurePrimary(primaryDir, primaryPort, settings);
    await primary.start();
    await withClient(url(primaryPort, 'postgres'), (c) => c.query(`SELECT pg_create_physical_replication_slot('${SLOT}', true)`));
    await copyBaseBackup(url(primaryPort, 'postgres'), primaryDir, standbyDir, owner);
    configureStandby(standbyDir, primaryPort, standbyPort, SLOT);
    await standby.start();
  } catch (error) {
    cleanup.kill();
    pairs.delete(cleanup);
    throw new Error(`the standby pair did not start: ${String(error)}\n${primary.output()}\n${standby.output()}`, {
      cause: error,
    });
  }
  const pair: StandbyPair = {
    primary,
    standby,
    primaryUrl: (database) => url(primaryPort, database),
    standbyUrl: (database) => url(standbyPort, database),
    caughtUp: (timeoutMs = 30_000) => caughtUp(url(primaryPort, 'postgres'), url(standbyPort, 'postgres'), timeoutMs),
    pauseReplay: () => onStandby(url(standbyPort, 'postgres'), 'SELECT pg_wal_replay_pause()'),
    resumeReplay: () => onStandby(url(standbyPort, 'postgres'), 'SELECT pg_wal_replay_resume()'),
    destroy: async () => {
      await standby.stop();
      await primary.stop();
      cleanup.kill();
      pairs.delete(cleanup);
    },
  };
  await pair.caughtUp();
  return pair;
}

function configurePrimary(dataDir: string, port: number, settings: string[]): void {
  appendFileSync(
    join(dataDir, 'postgresql.auto.conf'),
    [
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      // No Unix socket: its default directory may not be writable by the server's user.
      "unix_socket_directories = ''",
      'wal_level = replica',
      'max_wal_senders = 4',
      'max_replication_slots = 4',
      // Thrown away after the test: durability on disk only costs time.
      'fsync = off',
      'max_connections = 200',
      ...settings,
      '',
    ].join('\n'),
  );
  appendFileSync(join(dataDir, 'pg_hba.conf'), 'host replication postgres 127.0.0.1/32 trust\n');
}

/** The standby is in recovery and has replayed up to the primary's flushed WAL as of now. */
async function caughtUp(primaryUrl: string, standbyUrl: string, timeoutMs: number): Promise<void> {
  const [{ lsn }] = await withClient(
    primaryUrl,
    async (c) => (await c.query<{ lsn: string }>('SELECT pg_current_wal_flush_lsn() AS lsn')).rows,
  );
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [state] = await withClient(
      standbyUrl,
      async (c) =>
        (
          await c.query<{ recovering: boolean; replayed: boolean }>(
            'SELECT pg_is_in_recovery() AS recovering, coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS replayed',
            [lsn],
          )
        ).rows,
    );
    if (!state.recovering) throw new Error('the standby is not in recovery');
    if (state.replayed) return;
    if (Date.now() > deadline) throw new Error(`the standby did not replay ${lsn} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function onStandby(standbyUrl: string, statement: string): Promise<void> {
  await withClient(standbyUrl, (c) => c.query(statement));
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
