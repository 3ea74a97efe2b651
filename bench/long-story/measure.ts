import { Latencies } from '../support/latencies';
import { cpuMsOf } from '../support/process-cpu';

/** One kind of call at one size: its latency and what it cost the API's process. */
export interface CallFigures {
  p50: number;
  p99: number;
  /** CPU milliseconds of the API process per call. */
  cpuMs: number;
}

/**
 * `calls` calls of `once`, after one unmeasured to warm up, each timed (send to last byte) with
 * the API's CPU read either side of it. `undo`, unmeasured, runs after each call (and the warm-up)
 * to put back what the call changed, so that the next one does the same work.
 */
export async function measure(
  apiPid: number,
  calls: number,
  once: () => Promise<{ ms: number }>,
  undo?: () => Promise<unknown>,
): Promise<CallFigures> {
  await once();
  await undo?.();
  const latencies = new Latencies();
  let cpuMs = 0;
  for (let i = 0; i < calls; i++) {
    const cpuBefore = cpuMsOf(apiPid);
    const { ms } = await once();
    cpuMs += cpuMsOf(apiPid) - cpuBefore;
    latencies.record(ms);
    await undo?.();
  }
  const { p50, p99 } = latencies.summary();
  return { p50, p99, cpuMs: cpuMs / calls };
}
