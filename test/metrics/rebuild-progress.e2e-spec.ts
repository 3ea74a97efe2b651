import { spawnOperatorScript } from '../support/operator-script';
import { setTimeout as sleep } from 'node:timers/promises';
import { runSampleScenario } from '../support/sample-scenario';
import { createTestApp, type TestApp } from '../support/test-app';
import { parsePrometheusText, type Sample } from './prometheus-text';

const METRICS_TOKEN = 'scrape-token-0123456789abcdef';

/** `npm run projections:rebuild`'s script in its own process, one event per batch, slowed down. */
function startRebuild(databaseUrl: string) {
  const { child, output } = spawnOperatorScript('scripts/rebuild-projections.ts', databaseUrl, [
    '--batch-size',
    '1',
    '--throttle-ms',
    '300',
  ]);
  const exited = new Promise<string>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(output()) : reject(new Error(`rebuild failed (${code}):\n${output()}`)))),
  );
  return { exited, running: () => child.exitCode === null };
}

const rebuildSamples = (samples: Sample[]) =>
  samples.filter((sample) => sample.name.startsWith('newsroom_projection_rebuild_events_'));

/** A rebuild runs in another process; the API's /metrics reads its progress from PostgreSQL. */
describe('GET /metrics during a rebuild', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ metricsToken: METRICS_TOKEN });
    await runSampleScenario(t);
  });
  afterAll(() => t.close());

  async function scrape(): Promise<Sample[]> {
    const res = await t.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(res.status).toBe(200);
    return parsePrometheusText(res.text);
  }

  it('shows events done rising to the total (the log’s 8 events) while it runs, and nothing before or after', async () => {
    expect(rebuildSamples(await scrape())).toEqual([]);
    const rebuild = startRebuild(t.database.url);
    const seen: { phase: string; done: number; total: number }[] = [];
    while (rebuild.running()) {
      const samples = await scrape();
      const done = samples.find((sample) => sample.name === 'newsroom_projection_rebuild_events_done');
      const total = samples.find((sample) => sample.name === 'newsroom_projection_rebuild_events_total');
      if (done && total) seen.push({ phase: done.labels.phase, done: done.value, total: total.value });
      await sleep(50);
    }
    await rebuild.exited;
    expect(new Set(seen.map((progress) => progress.total))).toEqual(new Set([8]));
    const replaying = seen.filter((progress) => progress.phase === 'replaying').map((progress) => progress.done);
    // Scraped every ~50 ms over batches 300 ms apart: several distinct counts, never going back.
    expect(new Set(replaying).size).toBeGreaterThanOrEqual(4);
    expect(replaying).toEqual([...replaying].sort((a, b) => a - b));
    expect(Math.max(...replaying)).toBeLessThanOrEqual(8);
    // After the replay: building the copies' indexes, then the swap, each with every event done.
    const after = seen.filter((p) => p.phase !== 'replaying');
    for (const progress of after)
      expect(progress).toEqual({ phase: expect.stringMatching(/^(indexing|swapping)$/), done: 8, total: 8 });
    const phases = after.map((progress) => progress.phase);
    expect(phases).toEqual([...phases].sort());
    expect(seen.findIndex((p) => p.phase !== 'replaying')).toBeGreaterThanOrEqual(replaying.length);
    expect(rebuildSamples(await scrape())).toEqual([]);
  });
});
