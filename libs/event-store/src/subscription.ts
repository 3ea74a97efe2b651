import { Client, type Pool } from 'pg';
import { loadCheckpoint, saveCheckpoint } from './checkpoints';
import type { EventStore } from './event-store';
import { checkpointOf } from './rows';
import { type Checkpoint, type RecordedEvent, START } from './types';
import { Alarm, WakeUpListener } from './wake-ups';

/** The first re-read after a wake-up that found nothing readable. */
const RECHECK_MS = 10;

export type BatchHandler = (events: RecordedEvent[]) => Promise<void>;

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
  onError?: (error: unknown) => void;
}

/**
 * Catches up on the log and then follows it, woken by NOTIFY, and directly by its store's
 * appends in this process. Delivery is at least once: the checkpoint is saved after the handler
 * returns, so a handler that throws, or a crash in between, has the batch delivered again.
 */
export class Subscription {
  private checkpoint: Checkpoint = START;
  private stopped = false;
  private loop?: Promise<void>;
  private delivered = 0;
  /** Rung by notifications and by `stop`; a notification during a poll is not lost. */
  private readonly wakeUp = new Alarm();
  /** Rung only by `stop`, so that a failing handler is not retried on every notification. */
  private readonly stopping = new Alarm();
  private readonly listener: WakeUpListener;
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
  }

  /** The last event handled (or the starting point). */
  get position(): Checkpoint {
    return this.checkpoint;
  }

  get deliveredCount(): number {
    return this.delivered;
  }

  async start(): Promise<void> {
    this.checkpoint = (await loadCheckpoint(this.pool, this.options.subscriber)) ?? this.options.from ?? START;
    this.stopListeningHere = this.store.onAppended(() => this.wakeUp.ring());
    this.loop = this.run();
  }

  /** Waits for the batch in hand to finish; its checkpoint is saved before this resolves. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp.ring();
    this.stopping.ring();
    this.stopListeningHere?.();
    await this.loop;
    await this.listener.close();
  }

  /** Events in the log the subscriber has not handled yet. */
  lag(): Promise<number> {
    return this.store.countAfter(this.checkpoint);
  }

  /** Handles one batch and stores its checkpoint; returns how many events it held. */
  async pollOnce(): Promise<number> {
    const events = await this.store.readAll({ after: this.checkpoint, limit: this.options.batchSize ?? 1000 });
    if (events.length === 0) return 0;
    await this.handler(events);
    const next = checkpointOf(events[events.length - 1]);
    await saveCheckpoint(this.pool, this.options.subscriber, next);
    this.checkpoint = next;
    this.delivered += events.length;
    return events.length;
  }

  private async run(): Promise<void> {
    const idleMs = this.options.idleMs ?? 1000;
    let recheckMs = idleMs;
    while (!this.stopped) {
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
        await this.stopping.wait(this.options.retryMs ?? 500);
      }
    }
  }

  private report(error: unknown): void {
    this.options.onError?.(error);
  }
}

async function connectLike(pool: Pool): Promise<Client> {
  const client = new Client(pool.options);
  await client.connect();
  return client;
}
