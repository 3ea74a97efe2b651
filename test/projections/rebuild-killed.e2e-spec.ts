import { spawnOperatorScript } from '../support/operator-script';
import { Pool } from 'pg';
import { rebuildProjections } from '../../apps/newsroom-api/src/articles/projections/rebuild/rebuild-projections';
import { REBUILD_TABLES } from '../../apps/newsroom-api/src/articles/projections/rebuild/rebuild-tables';
import { dumpReadModels } from '../support/read-models';
import { runSampleScenario, type Scenario } from '../support/sample-scenario';
import { createTestApp, type TestApp } from '../support/test-app';

/** Runs `npm run projections:rebuild`'s script in its own process and SIGKILLs it after its first batch. */
function startAndKillRebuild(databaseUrl: string): Promise<string> {
  const { child, output, onOutput } = spawnOperatorScript('scripts/rebuild-projections.ts', databaseUrl, [
    '--batch-size',
    '1',
    '--throttle-ms',
    '500',
  ]);
  onOutput((all) => {
    if (/\d+\/\d+ events/.test(all)) child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve(output()) : reject(new Error(`rebuild was not killed mid-way:\n${output()}`)),
    );
  });
}

describe('a rebuild killed mid-way', () => {
  let t: TestApp;
  let pool: Pool;
  let s: Scenario;

  beforeAll(async () => {
    t = await createTestApp();
    pool = new Pool({ connectionString: t.database.url, max: 4 });
    s = await runSampleScenario(t);
  });
  afterAll(async () => {
    await pool.end();
    await t.close();
  });

  it('leaves the served tables intact and reads working; a rerun completes', async () => {
    // GET /corrections waits for the corrections follower, so nothing moves while the rebuild dies.
    await t.http().get('/corrections').set('Authorization', `Bearer ${s.editor}`);
    const before = await dumpReadModels(pool);
    const output = await startAndKillRebuild(t.database.url);
    expect(output).toMatch(/1\/8 events/);
    const leftovers = await pool.query(`SELECT tablename FROM pg_tables WHERE tablename LIKE '%_rebuild' ORDER BY tablename`);
    expect(leftovers.rows.length).toBe(Object.keys(REBUILD_TABLES).length);
    expect(await dumpReadModels(pool)).toBe(before);
    const read = await t.http().get(`/articles/${s.id}`).set('Authorization', `Bearer ${s.editor}`);
    expect(read.body.revision).toBe(8);
    const report = await rebuildProjections(pool, t.database.url);
    expect(report.events).toBe(8);
    expect(await dumpReadModels(pool)).toBe(before);
  });
});
