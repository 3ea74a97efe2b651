import { wholeFromEnv } from '../support/env-number';

/** The scale benchmark's knobs, from the environment. */
export interface ScaleBenchSettings {
  /** The log's sizes, in events, at which everything is measured; grown in this order. */
  sizes: number[];
  /** Events after each article's creation: the log holds articles × (edits + 1) events. */
  edits: number;
  /** Articles edited side by side in the generated log (see bench:projections). */
  interleave: number;
  articlesPerCopy: number;
  /** COPY statements running at once while the log grows (see bench:projections). */
  copiesAtOnce: number;
  /** Writers appending at once, each to a stream of its own, and for how long. */
  writers: number;
  appendSeconds: number;
  /** Reads per kind (current, past), with `readConcurrency` in flight, over `readArticles` articles. */
  reads: number;
  readConcurrency: number;
  readArticles: number;
  /** The last events of each size that a follower catches up on, and its batch. */
  catchUpEvents: number;
  batchSize: number;
  build: boolean;
  keepDatabase: boolean;
  /** --replica: also measure a replica's offload (reads per load); --offload-only: only that. */
  offloadReads: number;
  offloadOnly: boolean;
}

const DEFAULT_SIZES = [100_000, 1_000_000];

export function loadScaleBenchSettings(env: NodeJS.ProcessEnv = process.env): ScaleBenchSettings {
  const full = env.BENCH_FULL === '1' || process.argv.includes('--full');
  return {
    sizes: sizesFrom(env) ?? (full ? [...DEFAULT_SIZES, 10_000_000] : DEFAULT_SIZES),
    edits: wholeFromEnv(env, 'BENCH_EDITS', 99, 0),
    interleave: wholeFromEnv(env, 'BENCH_INTERLEAVE', 100, 1),
    articlesPerCopy: wholeFromEnv(env, 'BENCH_ARTICLES_PER_COPY', 1000, 1),
    copiesAtOnce: wholeFromEnv(env, 'BENCH_COPIES_AT_ONCE', 2, 1),
    writers: wholeFromEnv(env, 'BENCH_WRITERS', 16, 1),
    appendSeconds: wholeFromEnv(env, 'BENCH_APPEND_SECONDS', 5, 1),
    reads: wholeFromEnv(env, 'BENCH_READS', 2000, 1),
    readConcurrency: wholeFromEnv(env, 'BENCH_READ_CONCURRENCY', 8, 1),
    readArticles: wholeFromEnv(env, 'BENCH_READ_ARTICLES', 1000, 1),
    catchUpEvents: wholeFromEnv(env, 'BENCH_CATCH_UP_EVENTS', 50_000, 1),
    batchSize: wholeFromEnv(env, 'BENCH_BATCH', 5000, 1),
    build: env.BENCH_BUILD !== '0',
    keepDatabase: env.BENCH_KEEP_DATABASE === '1',
    offloadReads:
      process.argv.includes('--replica') || process.argv.includes('--offload-only')
        ? wholeFromEnv(env, 'BENCH_OFFLOAD_READS', 2000, 1)
        : 0,
    offloadOnly: process.argv.includes('--offload-only'),
  };
}

/** `BENCH_SIZES=100000,1000000`: growing, whole numbers. */
function sizesFrom(env: NodeJS.ProcessEnv): number[] | undefined {
  const value = env.BENCH_SIZES?.trim();
  if (!value) return undefined;
  const sizes = value.split(',').map((part) => wholeFromEnv({ BENCH_SIZES: part }, 'BENCH_SIZES', NaN, 1));
  if (sizes.some((size, i) => i > 0 && size <= sizes[i - 1])) throw new Error(`BENCH_SIZES must grow: ${value}`);
  return sizes;
}
