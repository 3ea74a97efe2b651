import { wholeFromEnv } from '../support/env-number';

/** The soak's knobs. The defaults are the ones issue 5's targets were set for. */
export interface SoakSettings {
  /** Length of the measured load, in seconds. */
  seconds: number;
  /**
   * Unmeasured load of the same mix first, so that V8 has optimised the hot paths, the pools are
   * full and the heap has grown to its working size: RSS is read at its end, not at a cold start.
   */
  warmupSeconds: number;
  connections: number;
  /** Articles created before the load; more are created during it. */
  articles: number;
  /** Seconds between two readings of the API's RSS. */
  rssEverySeconds: number;
  /** Compile the app before the run; `BENCH_BUILD=0` reuses the last build (when iterating on the bench). */
  build: boolean;
  /** The API's LOG_LEVEL: warn, so that the figures are the API's and not its logger's. */
  logLevel: string;
  /** Diagnose memory: read the API's live heap after a full GC beside each RSS reading (heap-probe.ts). */
  heapProbe: boolean;
  /** Seeds the choice of requests, so that two runs send the same mix. */
  seed: number;
}

export function loadSoakSettings(env: NodeJS.ProcessEnv = process.env): SoakSettings {
  const settings = {
    seconds: wholeFromEnv(env, 'BENCH_SECONDS', 300, 1),
    warmupSeconds: wholeFromEnv(env, 'BENCH_WARMUP_SECONDS', 20, 0),
    connections: wholeFromEnv(env, 'BENCH_CONNECTIONS', 16, 1),
    articles: wholeFromEnv(env, 'BENCH_ARTICLES', 200, 1),
    rssEverySeconds: wholeFromEnv(env, 'BENCH_RSS_EVERY_SECONDS', 5, 1),
    build: env.BENCH_BUILD !== '0',
    logLevel: env.BENCH_LOG_LEVEL ?? 'warn',
    heapProbe: env.BENCH_HEAP_PROBE === '1',
    seed: wholeFromEnv(env, 'BENCH_SEED', 5, 0),
  };
  // Each connection holds at most one article for a command: the others must find one free.
  if (settings.articles <= settings.connections) throw new Error('BENCH_ARTICLES must exceed BENCH_CONNECTIONS');
  return settings;
}
