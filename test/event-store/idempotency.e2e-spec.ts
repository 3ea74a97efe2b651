import { WrongExpectedRevisionError } from '@newsroom/event-store';
import { untilBlocked } from '../support/waiting';
import { noted, notes, useEventStore } from './store-fixture';

describe('idempotency keys', () => {
  const db = useEventStore();

  it('writes nothing new for a repeated key and returns the first result', async () => {
    const first = await db.store.append('doc-1', notes(1, 2), { expectedRevision: 'no-stream', idempotencyKey: 'k-1' });
    await db.store.append('doc-1', [noted(3)], { expectedRevision: 2 });
    const again = await db.store.append('doc-1', notes(1, 2), { expectedRevision: 'no-stream', idempotencyKey: 'k-1' });
    expect(again).toEqual({ ...first, replayed: true });
    expect(await db.store.streamRevision('doc-1')).toBe(3);
  });

  it('replays exactly the batch the key wrote, not later appends of the same transaction', async () => {
    const keyed = await db.store.transaction(async (client) => {
      const result = await db.store.append('doc-2', [noted(1)], { expectedRevision: 'no-stream', idempotencyKey: 'k-2' }, client);
      await db.store.append('doc-2', [noted(2)], { expectedRevision: 1 }, client);
      return result;
    });
    const again = await db.store.append('doc-2', [noted(1)], { expectedRevision: 'no-stream', idempotencyKey: 'k-2' });
    expect(again.events).toEqual(keyed.events);
  });

  it('replays inside a caller transaction without aborting it', async () => {
    await db.store.append('doc-3', [noted(1)], { expectedRevision: 'no-stream', idempotencyKey: 'k-3' });
    const outcome = await db.store.transaction(async (client) => {
      const again = await db.store.append('doc-3', [noted(1)], { expectedRevision: 'no-stream', idempotencyKey: 'k-3' }, client);
      await client.query('SELECT 1');
      return again;
    });
    expect(outcome.replayed).toBe(true);
  });

  // Keys are the stream's since the log was partitioned by stream (PartitionEventLog): the store
  // looks a key up in the stream's partition only. The API keeps its keys exactly-once per actor
  // through idempotency_records, whatever the stream.
  it('takes a key used on another stream as new on this one, and replays each stream its own', async () => {
    const first = await db.store.append('doc-4', [noted(1)], { expectedRevision: 'no-stream', idempotencyKey: 'k-4' });
    const other = await db.store.append('doc-5', notes(1, 2), { expectedRevision: 'no-stream', idempotencyKey: 'k-4' });
    expect(other.replayed).toBe(false);
    expect(other.events.map((e) => [e.streamId, e.revision])).toEqual([
      ['doc-5', 1],
      ['doc-5', 2],
    ]);
    expect(await db.store.append('doc-4', [noted(1)], { expectedRevision: 'no-stream', idempotencyKey: 'k-4' })).toEqual({
      ...first,
      replayed: true,
    });
    expect(await db.store.append('doc-5', notes(1, 2), { expectedRevision: 'no-stream', idempotencyKey: 'k-4' })).toEqual({
      ...other,
      replayed: true,
    });
    expect([await db.store.streamRevision('doc-4'), await db.store.streamRevision('doc-5')]).toEqual([1, 2]);
  });

  it('writes once when a twin races in while the first is still uncommitted, and the twin gets its result', async () => {
    const holder = await db.pool.connect();
    try {
      await holder.query('BEGIN');
      const first = await db.store.append('doc-6', [noted(1)], { expectedRevision: 'no-stream', idempotencyKey: 'k-6' }, holder);
      const twin = db.store.append('doc-6', [noted(1)], { expectedRevision: 'no-stream', idempotencyKey: 'k-6' });
      await untilBlocked(db.pool);
      await holder.query('COMMIT');
      expect(await twin).toEqual({ ...first, replayed: true });
    } finally {
      holder.release();
    }
    expect(await db.store.streamRevision('doc-6')).toBe(1);
  });

  it('writes once when eight appends with one key race', async () => {
    await warm(8);
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () =>
        db.store.append('doc-7', notes(1, 2), { expectedRevision: 'no-stream', idempotencyKey: 'k-7' }),
      ),
    );
    expect(outcomes.filter((o) => !o.replayed)).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.events.map((e) => e.position).join())).size).toBe(1);
    expect(await db.store.streamRevision('doc-7')).toBe(2);
  });

  it('fails a lost race inside a caller transaction, whose retry then replays', async () => {
    const holder = await db.pool.connect();
    try {
      await holder.query('BEGIN');
      await db.store.append('doc-8', [noted(1)], { expectedRevision: 'no-stream', idempotencyKey: 'k-8' }, holder);
      const twin = db.store.transaction((client) =>
        db.store.append('doc-8', [noted(1)], { expectedRevision: 'no-stream', idempotencyKey: 'k-8' }, client),
      );
      await untilBlocked(db.pool);
      await holder.query('COMMIT');
      await expect(twin).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    } finally {
      holder.release();
    }
    const retry = await db.store.transaction((client) =>
      db.store.append('doc-8', [noted(1)], { expectedRevision: 'no-stream', idempotencyKey: 'k-8' }, client),
    );
    expect(retry.replayed).toBe(true);
  });

  it("keeps a caller's metadata.idempotencyKey when no key is passed, and writes its own over it under a key", async () => {
    const named = { ...noted(1), metadata: { ...noted(1).metadata, idempotencyKey: 'alice\u241fmine' } };
    const kept = await db.store.append('doc-9', [named], { expectedRevision: 'no-stream' });
    const owned = await db.store.append('doc-9', [{ ...named, data: { n: 2 } }], { expectedRevision: 1, idempotencyKey: 'k-9' });
    const plain = await db.store.append('doc-9', [noted(3)], { expectedRevision: 2 });
    const stored = await db.store.readStream('doc-9');
    expect(stored.map((e) => e.metadata.idempotencyKey)).toEqual(['alice\u241fmine', 'k-9', null]);
    expect([...kept.events, ...owned.events, ...plain.events].map((e) => e.metadata.idempotencyKey)).toEqual([
      'alice\u241fmine',
      'k-9',
      null,
    ]);
    // Only the key option is the store's to replay by: metadata alone reserves nothing.
    const { rows } = await db.pool.query<{ keys: string[] }>(
      `SELECT array_agg(idempotency_key ORDER BY revision) AS keys FROM events WHERE stream_id = 'doc-9'`,
    );
    expect(rows[0].keys).toEqual([null, 'k-9', null]);
  });

  /** Opens connections ahead, so that racing statements start together instead of queueing for them. */
  async function warm(connections: number): Promise<void> {
    const clients = await Promise.all(Array.from({ length: connections }, () => db.pool.connect()));
    for (const client of clients) client.release();
  }
});
