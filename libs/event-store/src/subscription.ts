import type { Client, Pool } from 'pg';
import type { EventStore } from './event-store';
import { checkpointOf } from './rows';
import * as sql from './sql';
import { type Checkpoint, type RecordedEvent, START } from './types';

export type BatchHandler = (events: RecordedEvent[]) => Promise<void>;

export interface SubscriptionOptions {
  /** Names the stored checkpoint: a restarted subscriber with the same name resumes there. */
  subscriber: string;
  /** Where to start when no checkpoint is stored yet. */
  from?: Checkpoint;
  batchSize?: number;
  /** A safety net: re-read this often even without a notification (held-back rows, lost wake-ups). */
  idleMs?: number;
  /** Opens the dedicated connection that LISTENs. */
  connect: () => Promise<Client>;
  onError?: (error: unknown) => void;
}

/**
 * Catches up on the log and then follows it, woken by NOTIFY. Delivery is at least once: the
 * checkpoint is saved after the handler returns, so a crash in between repeats the last batch.
 */
export class Subscription {
  private checkpoint: Checkpoint = START;
  private stopped = false;
  /** Set by a notification; a notification that arrives while a batch is read is not lost. */
  private notified = false;
  private listener?: Client;
  private wake?: () => void;
  private loop?: Promise<void>;
  private delivered = 0;

  constructor(
    private readonly store: EventStore,
    private readonly pool: Pool,
    private readonly handler: BatchHandler,
    private readonly options: SubscriptionOptions,
  ) {}

  get position(): Checkpoint {
    return this.checkpoint;
  }

  get deliveredCount(): number {
    return this.delivered;
  }

  async start(): Promise<void> {
    this.checkpoint = (await this.loadCheckpoint()) ?? this.options.from ?? START;
    await this.listen().catch((error: unknown) => this.options.onError?.(error));
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }

  /** Events in the log the subscriber has not handled yet. */
  lag(): Promise<number> {
    return this.store.countAfter(this.checkpoint);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        if (!this.listener) await this.listen();
        this.notified = false;
        const handled = await this.pollOnce();
        if (handled === 0) await this.sleep(this.options.idleMs ?? 1000);
      } catch (error) {
        this.options.onError?.(error);
        await this.dropListener();
        await this.sleep(500);
      }
    }
  }

  /** Handles one batch; returns how many events it held. */
  async pollOnce(): Promise<number> {
    const events = await this.store.readAll({ after: this.checkpoint, limit: this.options.batchSize ?? 1000 });
    if (events.length === 0) return 0;
    await this.handler(events);
    const next = checkpointOf(events[events.length - 1]);
    await this.pool.query(sql.SAVE_CHECKPOINT, [this.options.subscriber, next.transactionId, next.position]);
    this.checkpoint = next;
    this.delivered += events.length;
    return events.length;
  }

  private async loadCheckpoint(): Promise<Checkpoint | undefined> {
    const { rows } = await this.pool.query<{ transaction_id: string; position: string }>(sql.LOAD_CHECKPOINT, [
      this.options.subscriber,
    ]);
    return rows[0] && { transactionId: rows[0].transaction_id, position: Number(rows[0].position) };
  }

  private async listen(): Promise<void> {
    const client = await this.options.connect();
    client.on('notification', () => {
      this.notified = true;
      this.wake?.();
    });
    client.on('error', (error) => {
      this.options.onError?.(error);
      void this.dropListener();
    });
    await client.query(`LISTEN ${sql.EVENTS_CHANNEL}`);
    this.listener = client;
  }

  private async dropListener(): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped || this.notified) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
