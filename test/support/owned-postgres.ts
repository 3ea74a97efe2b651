import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { embeddedCluster, embeddedUrl, freePort, makeReachable } from '@newsroom/database';

/**
 * A PostgreSQL cluster a test owns outright, so that it may stop and restart it: never the shared
 * server. Unlike `startEmbeddedDatabase` (which picks a fresh port on every start), it keeps its
 * port, as a real server coming back would, so that the application's URL stays valid.
 */
export interface OwnedPostgres {
  port: number;
  adminUrl: string;
  urlOf(database: string): string;
  /** Fast shutdown: open sessions are cut, as when a server goes away. */
  stop(): Promise<void>;
  /** Starts it again on the same data directory and port. */
  start(): Promise<void>;
  /** Stops it and deletes its data directory. */
  destroy(): Promise<void>;
}

export async function startOwnedPostgres(name: string): Promise<OwnedPostgres> {
  const dataDir = join(process.cwd(), '.data', `${name}-${randomBytes(4).toString('hex')}`);
  const port = await freePort();
  makeReachable(dataDir);
  // The cluster is thrown away after the test: syncing initdb's files to disk only costs time.
  const cluster = embeddedCluster(dataDir, port, { label: 'owned-postgres', initdbFlags: ['--no-sync'] });
  await cluster.initialise();
  await cluster.start();
  const urlOf = (database: string) => embeddedUrl(port, database);
  return {
    port,
    adminUrl: urlOf('postgres'),
    urlOf,
    stop: () => cluster.stop(),
    start: () => cluster.start(),
    destroy: async () => {
      await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
