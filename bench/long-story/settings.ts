import { wholeFromEnv } from '../support/env-number';

/** The benchmark's knobs. The defaults are the sizes and call counts of issue 20. */
export interface LongStorySettings {
  /** Revisions the story is grown to, in order; each is measured before growing on. */
  sizes: number[];
  /** Measured calls of each kind at each size (and as many revertible changes planted per size). */
  calls: number;
  /** Compile the app before the run; `BENCH_BUILD=0` reuses the last build (when iterating on the bench). */
  build: boolean;
  /** The API's LOG_LEVEL: its production default, so that logging costs what it costs in production. */
  logLevel: string;
}

/** `--1e5` (or BENCH_LONG_STORY_1E5=1) adds a story of 100,000 revisions: about ten minutes more. */
export function loadLongStorySettings(
  argv: readonly string[] = process.argv,
  env: NodeJS.ProcessEnv = process.env,
): LongStorySettings {
  const huge = argv.includes('--1e5') || env.BENCH_LONG_STORY_1E5 === '1';
  return {
    sizes: huge ? [100, 1_000, 10_000, 100_000] : [100, 1_000, 10_000],
    calls: wholeFromEnv(env, 'BENCH_CALLS', 20, 2),
    build: env.BENCH_BUILD !== '0',
    logLevel: env.BENCH_LOG_LEVEL ?? 'info',
  };
}
