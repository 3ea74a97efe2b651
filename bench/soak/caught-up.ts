const WAIT_MS = 60_000;

/**
 * Waits until the API's asynchronous read model (the corrections feed) has handled every event,
 * as `/health` reports it: the feed is compared with the log only then. Answers the seconds it
 * took, or throws if it never caught up.
 */
export async function untilFeedCaughtUp(baseUrl: string): Promise<number> {
  const started = performance.now();
  let lag: unknown;
  while (performance.now() - started < WAIT_MS) {
    const response = await fetch(`${baseUrl}/health`);
    ({ lag } = ((await response.json()) as { projections: { lag: unknown } }).projections);
    if (lag === 0) return (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the corrections feed still lagged ${String(lag)} events after ${WAIT_MS / 1000} s`);
}
