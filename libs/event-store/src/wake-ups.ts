import type { Client } from 'pg';
import { setTimeout as delay } from 'node:timers/promises';
import type { Queryable } from './queryable';
import * as sql from './sql';

/**
 * Appends that commit this close together share one NOTIFY. A NOTIFY for every append (a
 * statement and a transaction of its own) cost a single writer a fifth of its throughput on a
 * busy machine; followers read whatever accumulated, so a later wake-up loses nothing, and those
 * in this process are woken at once anyway.
 */
const SPACING_MS = 50;

/**
 * Wakes followers after appends commit: those in this process directly, the others by NOTIFY.
 * A NOTIFY inside the appending transaction (a trigger) would be simpler, but PostgreSQL
 * serialises the commits of all notifying transactions under one cluster-wide lock held through
 * the WAL flush, which defeats group commit: 16 writers fell from about 5,400 to 1,600 appends/s.
 * So the store notifies after the commit, in a short transaction of its own (it writes no WAL,
 * so it waits for no flush): at once after a quiet spell, at most every 50 ms under load. Every
 * commit is followed by a NOTIFY sent after it.
 */
export class WakeUpSender {
  private sending?: Promise<void>;
  private again = false;
  private readonly local = new Set<() => void>();

  constructor(private readonly db: Queryable) {}

  ring(): void {
    for (const wakeUp of this.local) wakeUp();
    if (this.sending) {
      this.again = true;
      return;
    }
    this.sending = this.send();
  }

  /** Calls `wakeUp` on every ring, until the returned function is called. */
  listen(wakeUp: () => void): () => void {
    this.local.add(wakeUp);
    return () => this.local.delete(wakeUp);
  }

  /** Resolves once every wake-up asked for so far has gone out. */
  async settled(): Promise<void> {
    await this.sending;
  }

  private async send(): Promise<void> {
    do {
      this.again = false;
      // A lost wake-up costs latency, never events: followers also re-read on an idle timer.
      await this.db.query(sql.NOTIFY_FOLLOWERS).catch(() => undefined);
      await delay(SPACING_MS);
    } while (this.again);
    this.sending = undefined;
  }
}

/** A dedicated connection that LISTENs for appends; it is opened again after it breaks. */
export class WakeUpListener {
  private client?: Client;

  constructor(
    private readonly connect: () => Promise<Client>,
    private readonly onWakeUp: () => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Listens if not listening yet. Followers poll right after, so nothing committed before is missed. */
  async ensure(): Promise<void> {
    if (this.client) return;
    const client = await this.connect();
    client.on('notification', () => this.onWakeUp());
    client.on('error', (error) => {
      this.onError(error);
      void this.close(client);
    });
    client.on('end', () => {
      if (this.client === client) this.client = undefined;
    });
    try {
      await client.query(sql.LISTEN_FOR_EVENTS);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
  }

  async close(client = this.client): Promise<void> {
    if (client === this.client) this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}

/** Resolves after a delay, or as soon as it is rung (now, or since the last `reset`). */
export class Alarm {
  private rung = false;
  private cut?: () => void;

  ring(): void {
    this.rung = true;
    this.cut?.();
  }

  reset(): void {
    this.rung = false;
  }

  /** True when it was rung, false when the delay ran out. */
  wait(ms: number): Promise<boolean> {
    if (this.rung) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      this.cut = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }
}
