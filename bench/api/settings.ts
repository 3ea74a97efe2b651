import { wholeFromEnv } from '../support/env-number';

/** The benchmark's knobs. The defaults are the ones the targets were set for. */
export interface BenchSettings {
  /** Length of each measured phase (the API's and the raw INSERT's), in seconds. */
  seconds: number;
  /**
   * Unmeasured commands before the API phase, so that V8 has optimised the hot paths and the
   * database's caches are warm. Counted in commands, not seconds: a slow or busy machine needs as
   * many as a fast one.
   */
  warmupCommands: number;
  connections: number;
  articles: number;
  /** Compile the app before the run; `BENCH_BUILD=0` reuses the last build (when iterating on the bench). */
  build: boolean;
  /**
   * Diagnose rather than measure: run the API under `--cpu-prof` and count its SQL statements,
   * then print where its CPU time went and how many statements each command sent. Both cost the
   * API some speed, so the figures of such a run are not the benchmark's.
   */
  diagnose: boolean;
  /** The API's LOG_LEVEL: its production default, so that logging costs what it costs in production. */
  logLevel: string;
}

export function loadBenchSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const settings = {
    seconds: wholeFromEnv(env, 'BENCH_SECONDS', 20, 1),
    warmupCommands: wholeFromEnv(env, 'BENCH_WARMUP_COMMANDS', 2000, 0),
    connections: wholeFromEnv(env, 'BENCH_CONNECTIONS', 16, 1),
    articles: wholeFromEnv(env, 'BENCH_ARTICLES', 100, 1),
    build: env.BENCH_BUILD !== '0',
    diagnose: env.BENCH_DIAGNOSE === '1',
    logLevel: env.BENCH_LOG_LEVEL ?? 'info',
  };
  // Each connection holds one article while its command is in flight (see ArticleRota).
  if (settings.articles <= settings.connections) throw new Error('BENCH_ARTICLES must exceed BENCH_CONNECTIONS');
  return settings;
}
