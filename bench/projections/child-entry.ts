/**
 * The measured process: a rebuild, or a plain read of the log for the baseline, in a Node process
 * of its own so that its peak RSS is its own (not the generator's, not ts-node's). It runs as
 * JavaScript transpiled from this file and loads the app as `npm run build` compiled it, so it
 * holds what a deployed rebuild holds. Only type imports reach into the app's sources: they vanish
 * on transpiling. It reports to its parent over IPC.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Pool } from 'pg';
import type * as RebuildModule from '../../apps/newsroom-api/src/articles/projections/rebuild/rebuild-projections';
import type * as ProgressModule from '../../apps/newsroom-api/src/console/progress';
import type * as EventStoreModule from '../../libs/event-store/src';

export type ChildMode = 'rebuild' | 'read-log-order' | 'read-stream-order';

export interface ChildReport {
  mode: ChildMode;
  events: number;
  seconds: number;
  /** Kilobytes, from the kernel: the process's peak resident set over its whole life. */
  maxRssKb: number;
  /** Resident set once the app's modules were loaded and the pool connected, before any work. */
  startRssKb: number;
  /** Peaks sampled every 100 ms: where the resident memory went (JS heap, or buffers outside it, ArrayBuffers included). */
  peakHeapUsedKb: number;
  peakExternalKb: number;
}

const SAMPLE_MS = 100;

async function main(): Promise<void> {
  const [mode, url, batchText] = process.argv.slice(2) as [ChildMode, string, string];
  const batchSize = Number(batchText);
  const appDist = process.env.BENCH_APP_DIST;
  if (!appDist || !url || !process.send) throw new Error('run by the projections benchmark, not by hand');
  const load = createRequire(join(appDist, 'package.json'));
  const store = load('./libs/event-store/src/index.js') as typeof EventStoreModule;
  // Only what the mode uses is loaded, and before the start figure: each module is resident memory.
  const rebuild = mode === 'rebuild' ? appRebuild(load, url, batchSize) : undefined;

  const pool = new Pool({ connectionString: url });
  await pool.query('SELECT 1');
  const memory = new MemoryPeaks();
  const startRssKb = Math.round(process.memoryUsage.rss() / 1024);
  // The parent starts its CPU meter now: loading modules is not the work measured.
  process.send({ ready: true });
  const started = performance.now();
  let events: number;
  try {
    if (rebuild) {
      const report = await rebuild(pool);
      events = report.events + report.caughtUp;
    } else if (mode === 'read-log-order') {
      events = await readLogOrder(new store.EventStore(pool), batchSize);
    } else {
      events = await readStreamOrder(store.LogSnapshot, url, batchSize);
    }
  } finally {
    await pool.end();
  }
  const seconds = (performance.now() - started) / 1000;
  memory.stop();
  const report: ChildReport = { mode, events, seconds, maxRssKb: process.resourceUsage().maxRSS, startRssKb, ...memory.peaks };
  process.send(report, () => process.disconnect());
}

type Rebuild = (pool: Pool) => Promise<RebuildModule.RebuildReport>;
type Load = (path: string) => unknown;

function progress(load: Load): (done: number, total: number) => void {
  const { progress: progressOf } = load('./apps/newsroom-api/src/console/progress.js') as typeof ProgressModule;
  const shown = progressOf({ title: 'Rebuild', stream: process.stderr });
  return (done, total) => shown.update(done, total);
}

function appRebuild(load: Load, url: string, batchSize: number): Rebuild {
  const { rebuildProjections } = load(
    './apps/newsroom-api/src/articles/projections/rebuild/rebuild-projections.js',
  ) as typeof RebuildModule;
  const onProgress = progress(load);
  return (pool) => rebuildProjections(pool, url, { batchSize, onProgress });
}

/** A follower catching up from the start: `readAll` batches in (transaction, position) order. */
async function readLogOrder(store: EventStoreModule.EventStore, batchSize: number): Promise<number> {
  let read = 0;
  let after: EventStoreModule.Checkpoint | undefined;
  for (;;) {
    const batch = await store.readAll({ after, limit: batchSize });
    if (batch.length === 0) return read;
    read += batch.length;
    const last = batch[batch.length - 1];
    after = { transactionId: last.transactionId, position: last.position };
  }
}

/** What the rebuild reads, and nothing else: the log stream by stream through LogSnapshot's cursor. */
async function readStreamOrder(
  logSnapshot: typeof EventStoreModule.LogSnapshot,
  url: string,
  batchSize: number,
): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const log = await logSnapshot.open(client, 'article-');
    let read = 0;
    // As the rebuild reads: each event handed over as it arrives, none held.
    const onEvent = (): void => undefined;
    for (let events = await log.read(batchSize, onEvent); events > 0; events = await log.read(batchSize, onEvent)) read += events;
    await log.close();
    return read;
  } finally {
    await client.end();
  }
}

class MemoryPeaks {
  peaks = { peakHeapUsedKb: 0, peakExternalKb: 0 };
  private readonly timer = setInterval(() => this.sample(), SAMPLE_MS);

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  private sample(): void {
    const usage = process.memoryUsage();
    this.peaks.peakHeapUsedKb = Math.max(this.peaks.peakHeapUsedKb, Math.round(usage.heapUsed / 1024));
    this.peaks.peakExternalKb = Math.max(this.peaks.peakExternalKb, Math.round(usage.external / 1024));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench:projections child] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
