import type { INestApplication } from '@nestjs/common';

/** The signals that stop the API: a deployment's SIGTERM, Ctrl-C, a closed terminal. */
export const STOP_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

/** Requests in flight get this long to finish; Docker's own grace period is 10 s. */
export const STOP_GRACE_MS = 8_000;

/**
 * Stops the API on the first of STOP_SIGNALS without cutting a request short. Nest's close stops
 * listening and waits for the requests in flight before it closes the followers and the database
 * pools; only then does `after` stop what the process started itself (the embedded cluster), and
 * the process exits with 0. A request that will not finish within the grace period, or a second
 * signal, ends the process at once, with 1.
 */
export function stopOnSignals(app: INestApplication, after: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return exitNow(`${signal} again: stopping at once`);
    stopping = true;
    setTimeout(() => exitNow(`requests still running after ${STOP_GRACE_MS} ms: stopping at once`), STOP_GRACE_MS).unref();
    app
      .close()
      .then(after)
      .then(
        () => process.exit(0),
        (error: unknown) => exitNow(`stopping failed: ${error instanceof Error ? error.message : String(error)}`),
      );
  };
  for (const signal of STOP_SIGNALS) process.on(signal, stop);
  // By default SIGUSR2 would end the process on the spot, requests in flight and all; profilers
  // and heap tools send it to a running process, which must go on serving.
  process.on('SIGUSR2', () => process.stderr.write('Newsroom API: SIGUSR2 ignored (SIGTERM stops the API)\n'));
}

function exitNow(why: string): void {
  process.stderr.write(`Newsroom API: ${why}\n`);
  process.exit(1);
}
