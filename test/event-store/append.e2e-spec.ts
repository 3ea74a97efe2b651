import { WrongExpectedRevisionError } from '@newsroom/event-store';
import { until } from '../support/waiting';
import { noted, notes, useEventStore } from './store-fixture';

describe('EventStore.append', () => {
  const db = useEventStore();

  it('starts a stream at revision 1 and keeps revisions contiguous', async () => {
    const first = await db.store.append('s-1', notes(1, 2), { expectedRevision: 'no-stream' });
    expect(first.events.map((e) => e.revision)).toEqual([1, 2]);
    expect(first.nextExpectedRevision).toBe(2);
    const second = await db.store.append('s-1', [noted(3)], { expectedRevision: 2 });
    expect(second.events.map((e) => e.revision)).toEqual([3]);
    expect((await db.store.readStream('s-1')).map((e) => e.data.n)).toEqual([1, 2, 3]);
  });

  it('returns the events as stored, positions rising with revisions', async () => {
    const { events } = await db.store.append('s-3', notes(1, 3), { expectedRevision: 'no-stream' });
    expect(await db.store.readStream('s-3')).toEqual(events);
    expect(events.map((e) => e.position)).toEqual([...events.map((e) => e.position)].sort((a, b) => a - b));
    expect(new Set(events.map((e) => e.transactionId)).size).toBe(1);
  });

  it('refuses a writer that is behind or ahead, writing nothing', async () => {
    await db.store.append('s-2', [noted(1)], { expectedRevision: 'no-stream' });
    await expect(db.store.append('s-2', [noted(2)], { expectedRevision: 'no-stream' })).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    await expect(db.store.append('s-2', [noted(2)], { expectedRevision: 5 })).rejects.toMatchObject({ actual: 1, expected: 5 });
    expect(await db.store.streamRevision('s-2')).toBe(1);
  });

  it('refuses an empty batch and a revision that is not a count', async () => {
    await expect(db.store.append('s-4', [], { expectedRevision: 'no-stream' })).rejects.toBeInstanceOf(RangeError);
    await expect(db.store.append('s-4', [noted(1)], { expectedRevision: -1 })).rejects.toBeInstanceOf(RangeError);
    await expect(db.store.append('s-4', [noted(1)], { expectedRevision: 1.5 })).rejects.toBeInstanceOf(RangeError);
  });

  it('appends inside a caller transaction, and a rollback leaves nothing', async () => {
    await expect(
      db.store.transaction(async (client) => {
        await db.store.append('s-5', [noted(1)], { expectedRevision: 'no-stream' }, client);
        expect(await db.store.streamRevision('s-5', client)).toBe(1);
        throw new Error('projection failed');
      }),
    ).rejects.toThrow('projection failed');
    expect(await db.store.streamRevision('s-5')).toBe(0);
  });

  it('survives a connection that breaks inside a transaction, reporting the break', async () => {
    const outcome = db.store.transaction(async (client) => {
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await db.store.append('s-6', [noted(1)], { expectedRevision: 'no-stream' }, client);
      await db.pool.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
      // pg_terminate_backend only signals: wait until the backend has really gone.
      await until(
        async () => (await db.pool.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [rows[0].pid])).rowCount === 0,
      );
      await client.query('SELECT 1');
    });
    // The server's FATAL "terminating connection" usually arrives first; under load the socket's
    // reset can beat it. Either names the break, rather than a later "not queryable".
    await expect(outcome).rejects.toThrow(/terminat|ECONNRESET/i);
    expect(await db.store.streamRevision('s-6')).toBe(0);
  });
});
