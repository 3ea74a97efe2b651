import {
  type Checkpoint,
  CheckpointMovedError,
  leaseHolder,
  loadCheckpoint,
  moveCheckpoint,
  type RecordedEvent,
  saveCheckpoint,
  Subscription,
  type SubscriptionOptions,
} from '@newsroom/event-store';
import { endOfLog } from './follower';
import { pause, until } from '../support/waiting';
import { notes, useEventStore } from './store-fixture';

/** A handler that waits here until the test lets it go on. */
interface Gate {
  /** The batch (1-based, counted per follower) at which the handler stops, before writing. */
  atBatch: number;
  reached: boolean;
  open(): void;
}

function gate(atBatch: number): Gate & { wait(): Promise<void> } {
  let open = () => undefined as void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { atBatch, reached: false, open: () => open(), wait: () => opened };
}

/**
 * Several subscriptions under one subscriber name, as N API and M projector processes would run
 * them, here in one process on separate connections. Each writes what it handles through the
 * batch's transaction into a table without a unique key, so that a batch applied twice would
 * show as two rows: the writes are not idempotent, and exactly once is what the table shows.
 */
describe('Subscription leases: one holder per subscriber', () => {
  const db = useEventStore();
  const running: Subscription[] = [];
  /** Handlers running right now, across every follower of the test. */
  let active = 0;
  let mostActive = 0;

  beforeAll(async () => {
    await db.pool.query(`CREATE TABLE applied (subscriber text NOT NULL, position bigint NOT NULL, follower text NOT NULL)`);
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  });

  /** A follower named `name` that records each batch it is handed and applies it through the transaction. */
  function follower(
    name: string,
    options: Partial<SubscriptionOptions> & { subscriber: string; stopAt?: Gate & { wait(): Promise<void> } },
  ) {
    const batches: RecordedEvent[][] = [];
    const leases: boolean[] = [];
    const errors: unknown[] = [];
    const subscription = new Subscription(
      db.store,
      db.pool,
      async (events, transaction) => {
        active++;
        mostActive = Math.max(mostActive, active);
        try {
          batches.push(events);
          if (options.stopAt && batches.length === options.stopAt.atBatch) {
            options.stopAt.reached = true;
            await options.stopAt.wait();
          }
          // A moment inside the handler, for a second holder to show itself if there were one.
          await pause(1);
          await transaction.query(`INSERT INTO applied (subscriber, position, follower) SELECT $1, unnest($2::bigint[]), $3`, [
            options.subscriber,
            events.map((e) => e.position),
            name,
          ]);
        } finally {
          active--;
        }
      },
      { batchSize: 10, retryMs: 10, onLease: (held) => leases.push(held), onError: (error) => errors.push(error), ...options },
    );
    running.push(subscription);
    return { subscription, batches, leases, errors };
  }

  async function appendEvents(prefix: string, streams: number, each: number): Promise<void> {
    await Promise.all(
      Array.from({ length: streams }, async (_, s) => {
        for (let n = 0; n < each; n += 5) {
          await db.store.append(`${prefix}-${s}`, notes(n + 1, 5), { expectedRevision: n || 'no-stream' });
        }
      }),
    );
  }

  /** Per position of the subscriber's events, how often it was applied and by whom. */
  async function applied(subscriber: string): Promise<Array<{ position: number; times: number; by: string }>> {
    const { rows } = await db.pool.query<{ position: string; times: number; by: string }>(
      `SELECT position, count(*)::int AS times, string_agg(follower, ',') AS by FROM applied WHERE subscriber = $1
       GROUP BY position ORDER BY position`,
      [subscriber],
    );
    return rows.map((r) => ({ position: Number(r.position), times: r.times, by: r.by }));
  }

  async function positionsAfter(from: Checkpoint): Promise<number[]> {
    const { rows } = await db.pool.query<{ position: string }>(
      `SELECT position FROM events WHERE (transaction_id, position) > ($1::xid8, $2::bigint) ORDER BY transaction_id, position`,
      [from.transactionId, from.position],
    );
    return rows.map((r) => Number(r.position));
  }

  it('has one of two racing subscriptions handle every batch, one at a time, each once; stopping it hands over', async () => {
    const from = await endOfLog(db.store);
    mostActive = 0;
    const a = follower('a', { subscriber: 'race', from, leaseRetryMs: 20 });
    const b = follower('b', { subscriber: 'race', from, leaseRetryMs: 20 });
    await Promise.all([a.subscription.start(), b.subscription.start()]);
    await appendEvents('race', 8, 25);
    await until(async () => (await applied('race')).length === 200);

    const [holder, other] = a.subscription.holdsLease ? [a, b] : [b, a];
    expect([holder.subscription.holdsLease, other.subscription.holdsLease]).toEqual([true, false]);
    expect(other.batches).toEqual([]);
    expect(mostActive).toBe(1);

    await holder.subscription.stop();
    await until(() => other.subscription.holdsLease);
    await appendEvents('race-after', 4, 25);
    const all = await positionsAfter(from);
    expect(all).toHaveLength(300);
    await until(async () => (await applied('race')).length === 300);
    const rows = await applied('race');
    expect(rows.map((r) => r.position)).toEqual([...all].sort((x, y) => x - y));
    expect(rows.filter((r) => r.times !== 1)).toEqual([]);
    expect(other.batches.flat()).toHaveLength(100);
    expect(mostActive).toBe(1);
    expect(await loadCheckpoint(db.pool, 'race')).toEqual(other.subscription.position);
  });

  it('hands over when the holder’s connection is killed mid-batch; the cut-off holder commits nothing, none is skipped or applied twice', async () => {
    const from = await endOfLog(db.store);
    const stopAt = gate(3);
    // The first holder would take the lease back only after a minute: the other gets it.
    const first = follower('first', { subscriber: 'cut', from, leaseRetryMs: 60_000, stopAt });
    await first.subscription.start();
    await until(() => first.subscription.holdsLease);
    const second = follower('second', { subscriber: 'cut', from, leaseRetryMs: 50 });
    await second.subscription.start();

    await appendEvents('cut', 10, 10);
    await until(() => stopAt.reached);
    // The holder's process lives on, in the middle of its third batch, but its session is gone.
    const pid = await leaseHolder(db.pool, 'cut');
    await db.pool.query('SELECT pg_terminate_backend($1)', [pid]);
    const cut = Date.now();
    await until(() => second.subscription.holdsLease);
    const takeoverMs = Date.now() - cut;
    await until(async () => (await applied('cut')).length === 100);
    // Only now does the cut-off holder try to write and commit its batch.
    stopAt.open();
    await until(() => first.errors.length >= 2);

    const rows = await applied('cut');
    expect(rows.map((r) => r.position)).toEqual((await positionsAfter(from)).sort((x, y) => x - y));
    expect(rows.filter((r) => r.times !== 1)).toEqual([]);
    // Two batches committed by the first holder, the rest (its third batch included) by the second.
    // A batch holds at most ten events: fewer when it was read while the appends were still
    // committing, so what the first holder committed is what its first two batches held.
    expect(first.batches).toHaveLength(3);
    const committedByFirst = first.batches
      .slice(0, 2)
      .flat()
      .map((e) => e.position);
    expect(rows.filter((r) => r.by === 'first').map((r) => r.position)).toEqual([...committedByFirst].sort((x, y) => x - y));
    expect(second.batches.flat().map((e) => e.position)).toEqual(
      (await positionsAfter(from)).filter((p) => !committedByFirst.includes(p)),
    );
    expect(first.leases).toEqual([true, false]);
    expect(first.subscription.holdsLease).toBe(false);
    expect(await loadCheckpoint(db.pool, 'cut')).toEqual(second.subscription.position);
    expect(takeoverMs).toBeLessThan(2000);
    process.stdout.write(`lease taken over ${takeoverMs} ms after the holder's session was killed\n`);
  });

  it('rolls a batch back when the checkpoint was moved under it, and goes on from where it was moved', async () => {
    const from = await endOfLog(db.store);
    const stopAt = gate(2);
    // Appended and readable before the holder starts: its batch transaction, held open at the
    // gate, would hold back from readAll every event committed after it.
    await appendEvents('moved', 1, 50);
    await until(async () => (await db.store.readAll({ after: from, limit: 50 })).length === 50);
    const events = await db.store.readAll({ after: from, limit: 50 });
    const holder = follower('holder', { subscriber: 'moved', from, stopAt });
    await holder.subscription.start();
    await until(() => stopAt.reached);
    // A writer without the lease (an old version mid-deploy, an operator) skips ahead to the 30th event.
    await saveCheckpoint(db.pool, 'moved', events[29]);
    stopAt.open();
    await until(async () => (await applied('moved')).length === 30);

    expect(holder.errors).toEqual([new CheckpointMovedError('moved')]);
    const positions = events.map((e) => e.position);
    expect((await applied('moved')).map((r) => r.position)).toEqual([...positions.slice(0, 10), ...positions.slice(30)]);
    expect(holder.subscription.position).toEqual({ transactionId: events[49].transactionId, position: events[49].position });
    // A stale writer cannot put the checkpoint back either.
    expect(await moveCheckpoint(db.pool, 'moved', events[9], events[19])).toBe(false);
    expect(await loadCheckpoint(db.pool, 'moved')).toEqual(holder.subscription.position);
  });

  it('says who holds a lease: nobody once every holder has stopped', async () => {
    const only = follower('only', { subscriber: 'alone', from: await endOfLog(db.store) });
    await only.subscription.start();
    await until(() => only.subscription.holdsLease);
    expect(await only.subscription.leaseTaken()).toBe(true);
    const { rows } = await db.pool.query<{ application_name: string }>(
      'SELECT application_name FROM pg_stat_activity WHERE pid = $1',
      [await leaseHolder(db.pool, 'alone')],
    );
    expect(rows[0].application_name).toBe(`newsroom ${process.pid} lease alone`);
    await only.subscription.stop();
    expect(await leaseHolder(db.pool, 'alone')).toBeUndefined();
    expect(await only.subscription.leaseTaken()).toBe(false);
  });
});
