import { randomBytes } from 'node:crypto';
import type { ApiChild } from './api-child';
import { type BenchDatabase, createBenchDatabase } from './bench-database';

export interface BenchApiSession {
  api: ApiChild;
  database: BenchDatabase;
  /** The secret the API verifies tokens with: sign the benchmark's own with it. */
  jwtSecret: string;
}

/**
 * Runs `work` against the compiled API started by `start` on a fresh database of the benchmark's
 * own; stops the API and drops the database afterwards, also when the run fails or is interrupted.
 */
export async function withBenchApi(
  prefix: string,
  start: (databaseUrl: string, jwtSecret: string) => Promise<ApiChild>,
  work: (session: BenchApiSession) => Promise<void>,
  log: (line: string) => void,
): Promise<void> {
  const database = await createBenchDatabase(prefix);
  let api: ApiChild | undefined;
  const cleanUp = async (): Promise<void> => {
    await api?.stop();
    api = undefined;
    await database.drop();
  };
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
  try {
    const jwtSecret = randomBytes(32).toString('hex');
    log(`database ${database.name} on ${database.server}; starting the API`);
    api = await start(database.url, jwtSecret);
    await work({ api, database, jwtSecret });
  } finally {
    await cleanUp();
  }
}
