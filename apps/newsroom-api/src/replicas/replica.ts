import { Pool } from 'pg';
import { hasReplayed, type Lsn, parseLsn } from './lsn';
import type { PrimaryPositions } from './primary-positions';

export type ReplicaState = 'up' | 'lagging' | 'down';

export interface ReplicaHealth {
  name: string;
  state: ReplicaState;
  /** Milliseconds since the primary last stood where this replica has replayed to; null when down. */
  lagMs: number | null;
  replayLsn: string | null;
}

const PROBE_TIMEOUT_MS = 1000;

/**
 * One hot standby: its pool, and what the last probe saw (reachable, in recovery, replayed up
 * to where). Reads look at that, never at the server: a probe every ~100 ms costs the replica
 * ten tiny queries a second, however many reads it serves.
 */
export class Replica {
  readonly pool: Pool;
  private replayed?: Lsn;
  private replayedText: string | null = null;
  private reachable = false;
  private caughtUpAt?: number;
  /** When behind every sample kept: the time of the oldest, for /health's lower bound. */
  private behindSince?: number;

  constructor(
    readonly name: string,
    url: string,
    poolSize: number,
    private readonly maxLagMs: number,
  ) {
    this.pool = new Pool({
      connectionString: url,
      max: poolSize,
      connectionTimeoutMillis: 1000,
      application_name: 'newsroom-api',
    });
    // An idle connection cut by the replica going away is not the process's concern: the probe sees it.
    this.pool.on('error', () => undefined);
  }

  /** Asks the replica where it stands, and dates that against the primary's positions. */
  async probe(primary: PrimaryPositions): Promise<void> {
    try {
      const { rows } = await withTimeout(
        this.pool.query<{ recovering: boolean; replayed: string | null }>(
          'SELECT pg_is_in_recovery() AS recovering, pg_last_wal_replay_lsn()::text AS replayed',
        ),
        PROBE_TIMEOUT_MS,
      );
      // A server that left recovery was promoted: it no longer follows our primary.
      this.reachable = rows[0].recovering && rows[0].replayed !== null;
      this.replayedText = rows[0].replayed;
      this.replayed = rows[0].replayed === null ? undefined : parseLsn(rows[0].replayed);
      this.caughtUpAt = this.replayed === undefined ? undefined : primary.caughtUpAt(this.replayed);
      this.behindSince = primary.oldest();
    } catch {
      this.markDown();
    }
  }

  /** A read failed on it for want of a connection: no read goes there until a probe finds it again. */
  markDown(): void {
    this.reachable = false;
  }

  /** Milliseconds behind the primary as of now (grows between probes); undefined when unknown. */
  lagMs(now = Date.now()): number | undefined {
    if (!this.reachable || this.caughtUpAt === undefined) return undefined;
    return Math.max(0, now - this.caughtUpAt);
  }

  /** Within the lag bound; with a token, also past it. */
  serves(token: Lsn | undefined, now = Date.now()): boolean {
    const lag = this.lagMs(now);
    if (lag === undefined || lag > this.maxLagMs) return false;
    return token === undefined || hasReplayed(this.replayed, token);
  }

  /** Could serve `token` once it has replayed further: reachable and within the lag bound. */
  mayCatchUp(now = Date.now()): boolean {
    const lag = this.lagMs(now);
    return lag !== undefined && lag <= this.maxLagMs;
  }

  health(now = Date.now()): ReplicaHealth {
    const lag = this.lagMs(now);
    if (!this.reachable) return { name: this.name, state: 'down', lagMs: null, replayLsn: null };
    const state: ReplicaState = lag === undefined || lag > this.maxLagMs ? 'lagging' : 'up';
    const atLeast = this.behindSince === undefined ? null : Math.max(0, now - this.behindSince);
    return { name: this.name, state, lagMs: lag ?? atLeast, replayLsn: this.replayedText };
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
