import type { INestApplicationContext } from '@nestjs/common';
import { STOP_GRACE_MS, STOP_SIGNALS } from '../stop-on-signals';

/**
 * Stops the projector on the API's stop signals: each follower finishes the batch in hand (its
 * transaction commits) and gives its lease up, the pool closes, and the process exits with 0. A
 * batch that will not finish within the grace period, or a second signal, ends the process at
 * once, with 1: that batch's transaction ends with the connection, uncommitted, and the next
 * holder handles it again.
 */
export function stopProjectorOnSignals(app: INestApplicationContext): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return exitNow(`${signal} again: stopping at once`);
    stopping = true;
    setTimeout(() => exitNow(`a batch still running after ${STOP_GRACE_MS} ms: stopping at once`), STOP_GRACE_MS).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => exitNow(`stopping failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  for (const signal of STOP_SIGNALS) process.on(signal, stop);
}

function exitNow(why: string): void {
  process.stderr.write(`Newsroom projector: ${why}\n`);
  process.exit(1);
}
