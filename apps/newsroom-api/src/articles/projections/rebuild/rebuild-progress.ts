import type { Client } from 'pg';

/**
 * A rebuild's progress, told to the API's /metrics through PostgreSQL itself: the session that
 * holds the rebuild's lock names itself `newsroom-rebuild <phase> <done>/<total>`
 * (application_name, which pg_stat_activity shows to every session at once).
 *
 * Why application_name rather than a table: it needs no migration and no write, it vanishes with
 * the session (a killed rebuild leaves no stale progress behind, unlike a row nobody deletes),
 * and it is tied to the very session whose advisory lock says a rebuild runs, so the two cannot
 * disagree. It is limited to 63 bytes, which `replaying 4294967295/4294967295` fits.
 */
export const REBUILD_APPLICATION_NAME = 'newsroom-rebuild';

/** Replaying the log into the copies, building their indexes, catching up and swapping them in. */
export type RebuildPhase = 'replaying' | 'indexing' | 'swapping';

export class RebuildProgress {
  constructor(private readonly session: Client) {}

  /**
   * Never fails: a lost report only delays the gauge. The replay awaits it between two reads of
   * the log, on the same session (a client runs one query at a time); that is one round trip
   * per batch of thousands of events.
   */
  async report(phase: RebuildPhase, done: number, total: number): Promise<void> {
    const name = `${REBUILD_APPLICATION_NAME} ${phase} ${done}/${total}`;
    await this.session.query(`SELECT set_config('application_name', $1, false)`, [name]).catch(() => undefined);
  }
}
