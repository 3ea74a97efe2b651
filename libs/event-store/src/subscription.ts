import { Client, type ClientBase, type Pool } from 'pg';
import { loadCheckpoint, moveCheckpoint } from './checkpoints';
import type { EventStore } from './event-store';
import { Lease, leaseHolder } from './lease';
import { checkpointOf } from './rows';
import { type Checkpoint, type RecordedEvent, START } from './types';
import { Alarm, WakeUpListener } from './wake-ups';

/** The first re-read after a wake-up that found nothing readable. */
const RECHECK_MS = 10;

/**
 * Handles a batch inside the transaction that moves the checkpoint past it. What the handler
 * writes through `transaction` commits with that move or not at all: exactly once. Anything it
 * does otherwise (writes through a pool, calls out) happens at least once.
 */
export type BatchHandler = (events: RecordedEvent[], transaction: ClientBase) => Promise<void>;

/** The checkpoint moved under a batch in hand (a writer without the lease): the batch is rolled back. */
export class CheckpointMovedError extends Error {
  constructor(subscriber: string) {
    super(`The checkpoint of subscriber "${subscriber}" was moved by another writer: the batch was rolled back`);
    this.name = 'CheckpointMovedError';
  }
}

export interface SubscriptionOptions {
  /** Names the stored checkpoint: a restarted subscriber with the same name resumes there. */
  subscriber: string;
  /** Where to start when no checkpoint is stored yet. */
  from?: Checkpoint;
  batchSize?: number;
  /**
   * A safety net: re-read this often even without a notification. It bounds the wait for rows
   * that were held back behind a transaction that appended nothing, and for lost wake-ups.
   */
  idleMs?: number;
  /** How long to wait before redelivering a batch whose handler threw. */
  retryMs?: number;
  /** Opens the dedicated connection that LISTENs; by default one with the pool's settings. */
  connect?: () => Promise<Client>;
  /**
   * How often a subscription whose lease another process holds tries to take it: the most a
   * killed holder's successor waits after the holder's session has ended. Default 1 s.
   */
  leaseRetryMs?: number;
  /** Told when this subscription takes its lease (true) and when it loses it (false). */
  onLease?: (held: boolean) => void;
  onError?: (error: unknown) => void;
}

/**
 * Catches up on the log and then follows it, woken by NOTIFY, and directly by its store's
 * appends in this process. Any number of subscriptions with one subscriber name may run, in any
 * processes on the database: only the holder of the name's lease (lease.ts) handles batches, the
 * others try to take it every `leaseRetryMs`. A new holder starts from the checkpoint stored.
 *
 * Each batch is handled in a transaction on the lease's session that ends by moving the checkpoint
 * past the batch, as a compare-and-set on the checkpoint the batch started from. A handler that
 * throws, a crash, a lost lease or a moved checkpoint roll the whole batch back, and it is
 * delivered again, to this holder or the next. What the handler writes through the transaction
 * is applied exactly once; the handler itself may be called more than once for a batch.
 */
export class Subscription {
  private checkpoint: Checkpoint = START;
  /** The checkpoint stored when this holder last read or moved it; undefined when none is stored. */
  private stored?: Checkpoint;
  /**
   * A horizon (EventStore.horizon) below which this holder has handled every event after its
   * checkpoint, known from a read up to it that answered less than a batch; undefined when unknown.
   */
  private readThrough?: bigint;
  /** Set after a failed batch: its commit may have happened or not, and only the stored checkpoint knows. */
  private reloadCheckpoint = false;
  /** Set when the lease was lost: wait a retry interval before taking it again. */
  private leaseLost = false;
  private stopped = false;
  private loop?: Promise<void>;
  private delivered = 0;
  /** Rung by notifications and by `stop`; a notification during a poll is not lost. */
  private readonly wakeUp = new Alarm();
  /** Rung only by `stop`, so that a failing handler is not retried on every notification. */
  private readonly stopping = new Alarm();
  private readonly listener: WakeUpListener;
  private readonly lease: Lease;
  private stopListeningHere?: () => void;

  constructor(
    private readonly store: EventStore,
    private readonly pool: Pool,
    private readonly handler: BatchHandler,
    private readonly options: SubscriptionOptions,
  ) {
    const connect = options.connect ?? (() => connectLike(pool));
    this.listener = new WakeUpListener(
      connect,
      () => this.wakeUp.ring(),
      (error) => this.report(error),
    );
    this.lease = new Lease(
      options.subscriber,
      () => connectLike(pool, `newsroom ${process.pid} lease ${options.subscriber}`),
      (error) => {
        this.report(error);
        this.leaseLost = true;
        this.options.onLease?.(false);
        this.wakeUp.ring();
      },
    );
  }

  /** The last event this subscription handled (or where it starts); another holder may be further on. */
  get position(): Checkpoint {
    return this.checkpoint;
  }

  /** Whether this subscription holds its lease and so handles the batches now. */
  get holdsLease(): boolean {
    return this.lease.held;
  }

  /** Whether some session on the database, this one or another process's, holds the lease now. */
  async leaseTaken(): Promise<boolean> {
    return (await leaseHolder(this.pool, this.options.subscriber)) !== undefined;
  }

  /** The checkpoint stored for the subscriber: how far it has got, in whichever process holds its lease. */
  async handledUpTo(): Promise<Checkpoint> {
    return (await loadCheckpoint(this.pool, this.options.subscriber)) ?? this.options.from ?? START;
  }

  get deliveredCount(): number {
    return this.delivered;
  }

  /** Loads the checkpoint and starts following: at once if the lease is free, else once it is. */
  async start(): Promise<void> {
    this.checkpoint = await this.handledUpTo();
    this.stopListeningHere = this.store.onAppended(() => this.wakeUp.ring());
    this.loop = this.run();
  }

  /**
   * Waits for the batch in hand to finish; its checkpoint is saved before this resolves. Then
   * gives the lease up, for another process to take.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp.ring();
    this.stopping.ring();
    this.stopListeningHere?.();
    await this.loop;
    await this.listener.close();
    await this.lease.release();
  }

  /** Events in the log the subscriber has not handled yet, wherever its lease is held. */
  async lag(): Promise<number> {
    return this.store.countAfter(await this.handledUpTo());
  }

  /**
   * Handles one batch and moves the checkpoint past it, in one transaction; returns how many events
   * it held. It reads only when the log's horizon has moved since it last read everything below
   * one: on the partitioned log a read that finds nothing still costs PostgreSQL about 2 ms, the
   * horizon about 0.03 ms, and a follower is woken far more often than the horizon moves (by every
   * append while an older transaction holds the rest back, by rechecks, by the idle timer).
   */
  private async pollOnce(): Promise<number> {
    if (this.reloadCheckpoint) await this.resumeFromStored();
    const horizon = BigInt(await this.store.horizon());
    // Snapshots' horizons never go back, so nothing below this one can be new: no read needed.
    if (this.readThrough !== undefined && horizon <= this.readThrough) return 0;
    const limit = this.options.batchSize ?? 1000;
    const events = await this.store.readAll({ after: this.checkpoint, limit, before: String(horizon) });
    const whole = events.length < limit;
    if (events.length === 0) {
      this.readThrough = horizon;
      return 0;
    }
    const next = checkpointOf(events[events.length - 1]);
    await this.lease.transaction(async (session) => {
      await this.handler(events, session);
      if (!(await moveCheckpoint(session, this.options.subscriber, this.stored, next))) {
        throw new CheckpointMovedError(this.options.subscriber);
      }
    });
    this.checkpoint = this.stored = next;
    this.readThrough = whole ? horizon : undefined;
    this.delivered += events.length;
    return events.length;
  }

  /** Goes on from the checkpoint stored, wherever this subscription stood. */
  private async resumeFromStored(): Promise<void> {
    this.stored = await loadCheckpoint(this.pool, this.options.subscriber);
    this.checkpoint = this.stored ?? this.options.from ?? START;
    this.readThrough = undefined;
    this.reloadCheckpoint = false;
  }

  /** True while this subscription holds its lease; takes it when it is free. */
  private async holdLease(): Promise<boolean> {
    if (this.lease.held) return true;
    // A session that keeps breaking must not keep snatching the lease back from the others.
    if (this.leaseLost) {
      this.leaseLost = false;
      return false;
    }
    try {
      if (!(await this.lease.take())) return false;
      // The last holder may have moved the checkpoint since this one last looked.
      await this.resumeFromStored();
    } catch (error) {
      this.report(error);
      await this.lease.release();
      return false;
    }
    this.options.onLease?.(true);
    return true;
  }

  private async run(): Promise<void> {
    const idleMs = this.options.idleMs ?? 1000;
    let recheckMs = idleMs;
    while (!this.stopped) {
      if (!(await this.holdLease())) {
        await this.stopping.wait(this.options.leaseRetryMs ?? 1000);
        continue;
      }
      this.wakeUp.reset();
      // Without a listener it still follows, on the idle timer.
      await this.listener.ensure().catch((error: unknown) => this.report(error));
      try {
        if ((await this.pollOnce()) > 0) continue;
        // Woken but nothing readable: the rows are held back behind an older transaction still
        // in flight, whose end nobody announces. Look again soon, backing off to the idle pace.
        recheckMs = (await this.wakeUp.wait(recheckMs)) ? RECHECK_MS : Math.min(recheckMs * 2, idleMs);
      } catch (error) {
        this.report(error);
        this.reloadCheckpoint = true;
        await this.stopping.wait(this.options.retryMs ?? 500);
      }
    }
  }

  private report(error: unknown): void {
    this.options.onError?.(error);
  }
}

/** A connection of its own with the pool's settings; `name` shows in pg_stat_activity. */
async function connectLike(pool: Pool, name?: string): Promise<Client> {
  const client = new Client({ ...pool.options, ...(name ? { application_name: name } : {}), keepAlive: true });
  await client.connect();
  return client;
}
