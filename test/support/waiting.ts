import type { Pool } from 'pg';

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `condition` until it holds: a test waits on what it needs, not on the clock. It fails
 * with the condition's text after the deadline, which is generous: a transaction anywhere on the
 * server (another test file's) can hold followers back for a while, and the machine is shared.
 */
export async function until(condition: () => boolean | Promise<boolean>, deadlineMs = 30_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not reached within ${deadlineMs} ms: ${condition.toString()}`);
    await pause(5);
  }
}

/** Waits until some statement in this database waits on a lock (another transaction's row). */
export function untilBlocked(pool: Pool): Promise<void> {
  return until(async () => {
    const { rowCount } = await pool.query(
      `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    return (rowCount ?? 0) > 0;
  }, 10_000);
}
