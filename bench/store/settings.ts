import { wholeFromEnv } from '../support/env-number';

/** The store benchmark's knobs, from the environment. */
export interface StoreBenchSettings {
  /** Measured time of each case (store and raw, at each concurrency), in seconds. */
  seconds: number;
  /**
   * The cases run in turns of this length (raw, store, store, raw, …), so that both see the same
   * machine: on a shared one, load that comes and goes would otherwise decide the ratio.
   */
  sliceMs: number;
  /** Unmeasured appends first, so that the JIT and the caches are warm. */
  warmupSeconds: number;
  /** The whole comparison is run this many times; the report gives medians. */
  rounds: number;
  /** Events the follower catches up on. */
  catchUpEvents: number;
  /** Events per `readAll` while catching up. */
  batchSize: number;
}

export function loadStoreBenchSettings(env: NodeJS.ProcessEnv = process.env): StoreBenchSettings {
  return {
    seconds: wholeFromEnv(env, 'BENCH_SECONDS', 10, 0),
    sliceMs: wholeFromEnv(env, 'BENCH_SLICE_MS', 500, 0),
    warmupSeconds: wholeFromEnv(env, 'BENCH_WARMUP_SECONDS', 1, 0),
    rounds: wholeFromEnv(env, 'BENCH_ROUNDS', 1, 0),
    catchUpEvents: wholeFromEnv(env, 'BENCH_CATCH_UP_EVENTS', 100_000, 0),
    batchSize: wholeFromEnv(env, 'BENCH_BATCH', 1000, 0),
  };
}
