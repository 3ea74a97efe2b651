import type fc from 'fast-check';

/**
 * How much to fuzz. `npm test` runs a few hundred requests to stay fast; `npm run test:fuzz` sets
 * FUZZ_RUNS=10000. FUZZ_SEED (and FUZZ_PATH, from a failure report) replay a run exactly.
 */
export const FUZZ_RUNS = positive(process.env.FUZZ_RUNS, 300);
export const FUZZ_SEED =
  process.env.FUZZ_SEED === undefined ? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0 : Number(process.env.FUZZ_SEED);

export function fuzzParameters(numRuns: number): fc.Parameters<unknown> {
  return {
    numRuns,
    seed: FUZZ_SEED,
    path: process.env.FUZZ_PATH,
    // FUZZ_NO_SHRINK=1 reports the first failing request as generated, without shrinking it.
    ...(process.env.FUZZ_NO_SHRINK === '1' ? { endOnFailure: true } : {}),
  };
}

/** Jest's time budget for `runs` requests, generous enough for the slow ones (1 MiB bodies). */
export const timeBudget = (runs: number, perRunMs: number) => Math.max(60_000, runs * perRunMs);

/** Tells how to replay a failing run. */
export function replayHint(name: string): string {
  return `${name} failed with FUZZ_SEED=${FUZZ_SEED} (FUZZ_RUNS=${FUZZ_RUNS}); replay with FUZZ_SEED=${FUZZ_SEED} and the FUZZ_PATH fast-check prints below.`;
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n > 0 ? n : fallback;
}
