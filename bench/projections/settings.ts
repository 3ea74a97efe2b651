import { wholeFromEnv } from '../support/env-number';

/** The projections benchmark's knobs, from the environment. The defaults are the sizes. */
export interface ProjectionsBenchSettings {
  /** Articles in the generated log. */
  articles: number;
  /** Events after each article's creation: the log holds articles × (edits + 1) events. */
  edits: number;
  /**
   * Articles edited side by side: their events are interleaved in the log, as a newsroom's are.
   * 1 writes each article's events in one run; a rebuild reads stream by stream, so this decides
   * how scattered its reads are.
   */
  interleave: number;
  /** Articles per COPY statement (each its own transaction). */
  articlesPerCopy: number;
  /** COPY statements running at once, each on a connection of its own. */
  copiesAtOnce: number;
  /** `batchSize` handed to rebuildProjections, and the catch-up reads' batch. */
  batchSize: number;
  /** Past-revision reads per concurrency level, after an unmeasured warm-up. */
  reads: number;
  readConcurrency: number[];
  /** The articles with the longest histories that the reads pick from. */
  readArticles: number;
  /** Compile the app first (`npm run build`); `BENCH_BUILD=0` reuses dist when iterating. */
  build: boolean;
  /**
   * Diagnose as well: the rebuild again under `--cpu-prof` (summarised by place and function) and
   * the rebuild's COPY of one batch timed table by table. Costs a second rebuild.
   */
  diagnose: boolean;
  /** Node flags for the measured processes (`BENCH_NODE_FLAGS="--max-old-space-size=128"`). */
  nodeFlags: string[];
  /** Leave the database behind (its name is printed), e.g. to EXPLAIN by hand. */
  keepDatabase: boolean;
}

export function loadProjectionsBenchSettings(env: NodeJS.ProcessEnv = process.env): ProjectionsBenchSettings {
  return {
    articles: wholeFromEnv(env, 'BENCH_ARTICLES', 10_000, 1),
    edits: wholeFromEnv(env, 'BENCH_EDITS', 100, 0),
    interleave: wholeFromEnv(env, 'BENCH_INTERLEAVE', 100, 1),
    articlesPerCopy: wholeFromEnv(env, 'BENCH_ARTICLES_PER_COPY', 1000, 1),
    copiesAtOnce: wholeFromEnv(env, 'BENCH_COPIES_AT_ONCE', 2, 1),
    batchSize: wholeFromEnv(env, 'BENCH_BATCH', 5000, 1),
    reads: wholeFromEnv(env, 'BENCH_READS', 2000, 1),
    readConcurrency: list(env, 'BENCH_READ_CONCURRENCY', [1, 8, 16]),
    readArticles: wholeFromEnv(env, 'BENCH_READ_ARTICLES', 100, 1),
    build: env.BENCH_BUILD !== '0',
    diagnose: env.BENCH_DIAGNOSE === '1',
    keepDatabase: env.BENCH_KEEP_DATABASE === '1',
    nodeFlags: (env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean),
  };
}

function list(env: NodeJS.ProcessEnv, name: string, fallback: number[]): number[] {
  const value = env[name]?.trim();
  if (!value) return fallback;
  return value.split(',').map((part) => wholeFromEnv({ [name]: part }, name, NaN, 1));
}
