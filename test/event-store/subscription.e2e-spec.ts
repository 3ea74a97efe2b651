import { Client, Pool } from 'pg';
import {
  EventStore,
  EVENTS_CHANNEL,
  type RecordedEvent,
  type Subscription,
  type SubscriptionOptions,
  loadCheckpoint,
} from '@newsroom/event-store';
import { endOfLog } from './follower';
import { type SentQuery, sentQueries } from './sent-queries';
import { until } from '../support/waiting';
import { noted, notes, useEventStore } from './store-fixture';

describe('Subscription', () => {
  const db = useEventStore();
  const running: Subscription[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  });

  /** Starts a subscriber that records what it is handed, for streams with the prefix only. */
  async function subscribe(prefix: string, options: Partial<SubscriptionOptions> & { subscriber: string }) {
    const handled: RecordedEvent[] = [];
    const subscription = await db.store.subscribe(async (events) => {
      handled.push(...events.filter((e) => e.streamId.startsWith(prefix)));
    }, options);
    running.push(subscription);
    return { subscription, handled };
  }

  async function appendMany(prefix: string, streams: number, batches: number): Promise<void> {
    for (let s = 0; s < streams; s++) {
      for (let b = 0; b < batches; b++) {
        await db.store.append(`${prefix}${s}`, notes(b * 10 + 1, 10), { expectedRevision: b * 10 || 'no-stream' });
      }
    }
  }

  it('resumes from its stored checkpoint after a restart, losing nothing', async () => {
    await appendMany('resume-', 3, 10);
    const before: RecordedEvent[] = [];
    const first: Subscription = await db.store.subscribe(
      async (events) => {
        before.push(...events.filter((e) => e.streamId.startsWith('resume-')));
        // Stopped mid-way: the loop ends after this batch, whose checkpoint is still saved.
        if (before.length >= 100) void first.stop();
      },
      { subscriber: 'resume', batchSize: 25 },
    );
    await until(() => before.length >= 100);
    await first.stop();
    expect(before.length).toBeLessThan(300);
    expect(await loadCheckpoint(db.pool, 'resume')).toEqual(first.position);

    await appendMany('resume-more-', 1, 5);
    const second = await subscribe('resume-', { subscriber: 'resume', batchSize: 25 });
    await until(() => before.length + second.handled.length >= 350);
    const all = [...before, ...second.handled];
    expect(all).toHaveLength(350);
    expect(new Set(all.map((e) => e.position)).size).toBe(350);
  });

  it('does not move its checkpoint past a batch whose handler threw, and redelivers it', async () => {
    const from = await endOfLog(db.store);
    await appendMany('retry-', 1, 2);
    // The log's horizon is cluster-wide: a transaction of another test file can hold these events
    // back, and a first batch read then would be shorter than the redelivered one.
    await until(
      async () => (await db.store.readAll({ after: from })).filter((e) => e.streamId.startsWith('retry-')).length === 20,
    );
    const attempts: number[][] = [];
    const errors: unknown[] = [];
    const subscription = await db.store.subscribe(
      async (events) => {
        attempts.push(events.filter((e) => e.streamId.startsWith('retry-')).map((e) => e.revision));
        if (attempts.length === 1) throw new Error('projection failed');
      },
      { subscriber: 'retry', from, retryMs: 10, onError: (error) => errors.push(error) },
    );
    running.push(subscription);
    await until(() => attempts.length >= 2);
    expect(attempts[0]).toHaveLength(20);
    expect(attempts[1]).toEqual(attempts[0]);
    expect(errors).toEqual([new Error('projection failed')]);
    await until(async () => (await subscription.lag()) === 0);
    expect((await loadCheckpoint(db.pool, 'retry'))?.position).toBe(subscription.position.position);
  });

  it("is woken by another process's appends through NOTIFY, not by its idle timer", async () => {
    const { subscription, handled } = await subscribe('wake-', { subscriber: 'wake', idleMs: 60_000 });
    await until(async () => (await subscription.lag()) === 0);
    const elsewhere = new Pool(db.pool.options);
    try {
      const writer = new EventStore(elsewhere);
      await writer.append('wake-1', [noted(1)], { expectedRevision: 'no-stream' });
      await writer.transaction((client) => writer.append('wake-2', [noted(1)], { expectedRevision: 'no-stream' }, client));
      await until(() => handled.length === 2);
    } finally {
      await elsewhere.end();
    }
  });

  it('is woken at once by appends of its own store, even without a LISTEN connection', async () => {
    const errors: unknown[] = [];
    const { subscription, handled } = await subscribe('local-', {
      subscriber: 'local',
      idleMs: 60_000,
      connect: () => Promise.reject(new Error('no connection to listen on')),
      onError: (error) => errors.push(error),
    });
    await until(async () => (await subscription.lag()) === 0);
    await db.store.append('local-1', [noted(1)], { expectedRevision: 'no-stream' });
    await until(() => handled.length === 1);
    expect(errors.length).toBeGreaterThan(0);
  });

  it('reads the log only when its horizon moved: a burst held back costs no reads, and none of it is lost', async () => {
    const { subscription, handled } = await subscribe('burst-', { subscriber: 'burst', idleMs: 60_000 });
    await until(async () => (await subscription.lag()) === 0);
    // A transaction that has taken an id holds the log's horizon there until it ends.
    const holder = new Client(db.pool.options);
    await holder.connect();
    const sent: SentQuery[] = [];
    let appended: RecordedEvent[] = [];
    try {
      await holder.query('BEGIN');
      const { rows } = await holder.query<{ id: string }>('SELECT pg_current_xact_id()::text AS id');
      // Older transactions elsewhere on the server (other test files') must end first.
      await until(async () => (await db.store.horizon()) === rows[0].id);
      await sentQueries(
        db.pool,
        async () => {
          // 60 appends racing on 20 connections, each waking the follower, which then rechecks.
          const results = await Promise.all(
            Array.from({ length: 60 }, (_, i) => db.store.append(`burst-${i}`, [noted(i)], { expectedRevision: 'no-stream' })),
          );
          appended = results.flatMap((result) => result.events);
          await until(() => sent.filter(isPoll).length >= 5);
        },
        sent,
      );
      expect(handled).toEqual([]);
    } finally {
      await holder.query('COMMIT');
      await holder.end();
    }
    // Woken again and again, it read the log at most once: when it first saw the held horizon.
    expect(sent.filter((query) => query.name === 'newsroom_read_all').length).toBeLessThanOrEqual(1);
    await until(() => handled.length >= 60);
    await until(async () => (await subscription.lag()) === 0);
    const inLogOrder = [...appended].sort(
      (a, b) => Number(BigInt(a.transactionId) - BigInt(b.transactionId)) || a.position - b.position,
    );
    expect(handled.map((event) => event.position)).toEqual(inLogOrder.map((event) => event.position));
  });

  /** A statement the follower sends to learn whether there is more: the horizon, or a read. */
  function isPoll(query: SentQuery): boolean {
    return query.name === 'newsroom_log_horizon' || query.name === 'newsroom_read_all';
  }

  it('has the store notify followers after an append commits', async () => {
    const listener = new Client(db.pool.options);
    await listener.connect();
    try {
      const notified = new Promise((resolve) => listener.once('notification', resolve));
      await listener.query(`LISTEN ${EVENTS_CHANNEL}`);
      await db.store.append('notify-1', [noted(1)], { expectedRevision: 'no-stream' });
      await expect(notified).resolves.toMatchObject({ channel: EVENTS_CHANNEL });
    } finally {
      await listener.end();
    }
  });
});
