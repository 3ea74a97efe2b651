import { type Load, oneOperation } from './workload';

/**
 * Runs the mix on `connections` connections for `seconds`, each waiting for its answer before
 * its next request. At the deadline no new request starts and those in flight are awaited: every
 * command then has its answer, so the books balance exactly against the log (a load tool that
 * drops its connections at the deadline would leave some commands applied but unanswered).
 * Stops early when `alive` turns false: an API that died would otherwise be sent thousands of
 * refused connections a second. Answers the elapsed seconds, the drain included.
 */
export async function drive(load: Load, connections: number, seconds: number, alive: () => boolean): Promise<number> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const connection = async (): Promise<void> => {
    while (performance.now() < deadline && alive()) await oneOperation(load);
  };
  await Promise.all(Array.from({ length: connections }, connection));
  return (performance.now() - started) / 1000;
}
