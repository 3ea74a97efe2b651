import type { OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { type Lsn, parseLsn } from './lsn';
import { PrimaryPositions } from './primary-positions';
import { Replica, type ReplicaHealth } from './replica';
import type { ReplicaSettings } from './replica-settings';
import { currentRead } from './read-routing';

interface Waiter {
  token: Lsn;
  candidates: readonly Replica[];
  resolve(replica: Replica | undefined): void;
}

/** While a read waits for a replica to replay its token, the probe runs this often. */
const HURRIED_PROBE_MS = 5;
/** Samples of the primary's position are kept this long (a replica further behind is "behind"). */
const KEEP_MS = 60_000;

/**
 * The replicas of DATABASE_REPLICA_URLS and the one probe that watches them: every probeMs it
 * samples the primary's flushed position, then asks each replica how far it has replayed. Reads
 * choose from what the probe saw; a read waiting for a token hurries the probe rather than
 * querying a replica itself.
 */
export class ReplicaSet implements OnApplicationShutdown {
  readonly replicas: readonly Replica[];
  private readonly positions = new PrimaryPositions(KEEP_MS);
  private readonly waiters = new Set<Waiter>();
  private turn = 0;
  private running = false;
  private wake?: () => void;
  private loop?: Promise<void>;

  constructor(
    private readonly settings: ReplicaSettings,
    private readonly primary: Pool,
    poolSize: number,
  ) {
    this.replicas = settings.urls.map((url, i) => new Replica(`replica-${i + 1}`, url, poolSize, settings.maxLagMs));
  }

  /** Probes once (so that the first reads already have a replica), then keeps probing. */
  async start(): Promise<void> {
    this.running = true;
    await this.probe();
    this.loop = this.keepProbing();
  }

  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.loop;
    for (const waiter of this.waiters) waiter.resolve(undefined);
    await Promise.all(this.replicas.map((replica) => replica.end()));
  }

  /**
   * A replica for a GET, or undefined for the primary. Without a token, one within the lag bound;
   * with one, one that is also past the token, waiting up to REPLICA_WAIT_MS for one to get there.
   */
  async choose(token?: Lsn): Promise<Replica | undefined> {
    const ready = this.pick(this.replicas, token);
    if (ready || token === undefined) return ready;
    return this.waitFor(token, this.replicas);
  }

  /**
   * Where the primary's WAL ends now, read after a command committed: the token of its answer.
   * pg_current_wal_insert_lsn() and not pg_current_wal_lsn() (the write position) or the flush
   * position: with synchronous_commit off (or local) a commit returns before its record is
   * written or flushed, so those could still be short of it. The insert position is past every
   * record inserted so far, the commit's included, whatever the setting. It may be past a little
   * more (others' records, or a page header when the commit ended a page): a reader then waits
   * for those too, or is served by the primary; never too early.
   */
  async commitPosition(): Promise<string> {
    const { rows } = await this.primary.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
    return rows[0].lsn;
  }

  /**
   * For a read model that another transaction fills after the commands commit (the corrections
   * feed): once the primary shows what the reader must see, the GET's replica has to have
   * replayed as far, or the primary answers.
   */
  async readAfterPrimary(): Promise<void> {
    const read = currentRead();
    const replica = read?.replica;
    if (!read || !replica) return;
    const position = parseLsn(await this.commitPosition());
    if (position === undefined || !(await this.waitFor(position, [replica]))) read.usePrimary();
  }

  health(): ReplicaHealth[] {
    const now = Date.now();
    return this.replicas.map((replica) => replica.health(now));
  }

  /** Round robin over the replicas that qualify, so that none takes all the reads. */
  private pick(candidates: readonly Replica[], token?: Lsn): Replica | undefined {
    const now = Date.now();
    for (let i = 0; i < candidates.length; i++) {
      const replica = candidates[(this.turn + i) % candidates.length];
      if (replica.serves(token, now)) {
        this.turn = (this.turn + i + 1) % candidates.length;
        return replica;
      }
    }
    return undefined;
  }

  private waitFor(token: Lsn, candidates: readonly Replica[]): Promise<Replica | undefined> {
    if (this.settings.waitMs === 0 || !candidates.some((replica) => replica.mayCatchUp())) return Promise.resolve(undefined);
    const ready = this.pick(candidates, token);
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle(undefined), this.settings.waitMs);
      const waiter: Waiter = { token, candidates, resolve: (replica) => settle(replica) };
      const settle = (replica: Replica | undefined) => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(replica);
      };
      this.waiters.add(waiter);
      this.wake?.();
    });
  }

  private async keepProbing(): Promise<void> {
    while (this.running) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.waiters.size > 0 ? HURRIED_PROBE_MS : this.settings.probeMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
      if (this.running) await this.probe();
    }
  }

  private async probe(): Promise<void> {
    const at = Date.now();
    try {
      const { rows } = await this.primary.query<{ lsn: string }>('SELECT pg_current_wal_flush_lsn()::text AS lsn');
      const lsn = parseLsn(rows[0].lsn);
      if (lsn !== undefined) this.positions.record(at, lsn);
    } catch {
      // The primary unreachable: no new sample, so every replica's lag grows until it answers again.
    }
    await Promise.all(this.replicas.map((replica) => replica.probe(this.positions)));
    for (const waiter of this.waiters) {
      const replica = this.pick(waiter.candidates, waiter.token);
      if (replica) waiter.resolve(replica);
    }
  }
}
