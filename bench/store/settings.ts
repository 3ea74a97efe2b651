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
    seconds: count(env, 'BENCH_SECONDS', 10),
    sliceMs: count(env, 'BENCH_SLICE_MS', 500),
    warmupSeconds: count(env, 'BENCH_WARMUP_SECONDS', 1),
    rounds: count(env, 'BENCH_ROUNDS', 1),
    catchUpEvents: count(env, 'BENCH_CATCH_UP_EVENTS', 100_000),
    batchSize: count(env, 'BENCH_BATCH', 1000),
  };
}

function count(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name]?.trim();
  if (!value) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number, got "${value}"`);
  return parsed;
}
