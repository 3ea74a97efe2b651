import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { dataSourceOptions, poolOf } from '@newsroom/database';
import { DataSource } from 'typeorm';
import { rebuildProjections } from '../apps/newsroom-api/src/articles/projections/rebuild/rebuild-projections';
import { resolveDatabase } from '../apps/newsroom-api/src/config/runtime';
import { loadSettings } from '../apps/newsroom-api/src/config/settings';
import { progress } from '../apps/newsroom-api/src/console/progress';

/**
 * `npm run projections:rebuild [-- --batch-size 5000 --throttle-ms 0]`: rebuilds every read
 * model from the event log while the API keeps serving, then swaps the result in. A bar on a
 * terminal, a line every two seconds elsewhere, and a summary line at the end.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'batch-size': { type: 'string', default: '5000' }, 'throttle-ms': { type: 'string', default: '0' } },
  });
  const runtime = await resolveDatabase(loadSettings());
  const dataSource = new DataSource({ ...dataSourceOptions(runtime.databaseUrl), migrationsRun: true });
  await dataSource.initialize();
  const shown = progress({ title: 'Rebuild' });
  try {
    const report = await rebuildProjections(poolOf(dataSource), runtime.databaseUrl, {
      batchSize: Number(values['batch-size']),
      throttleMs: Number(values['throttle-ms']),
      onProgress: (done, total) => shown.update(done, total),
    });
    const rate = Math.round(report.events / Math.max(report.seconds, 0.001));
    shown.finish(
      `Rebuilt from ${report.events} events (+${report.caughtUp} caught up at the swap) in ${report.seconds.toFixed(1)} s, ${rate} events/s`,
    );
  } finally {
    shown.stop();
    await dataSource.destroy();
    // A cluster this process started (none running) is stopped; one the API runs is left alone.
    await runtime.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
