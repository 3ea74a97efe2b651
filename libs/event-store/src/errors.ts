import type { ExpectedRevision } from './types';

/**
 * The stream was not at the revision the writer expected; nothing was written. `actual` is
 * unknown when the race was lost inside the caller's transaction: that transaction is aborted,
 * and the store will not wait for another connection to look.
 */
export class WrongExpectedRevisionError extends Error {
  readonly code = 'WrongExpectedRevision';

  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual?: number,
  ) {
    super(`Stream ${streamId} is at revision ${actual ?? 'unknown'}, expected ${String(expected)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}
