import { LogSnapshot } from '@newsroom/event-store';
import { notes, useEventStore } from './store-fixture';

/**
 * Times the log may hold: microseconds on both sides of a millisecond (the column rounds them to
 * the millisecond as they are written), none at all, another offset, a year that a two-digit
 * reading would take for the 1900s, and a leap day about to turn.
 */
const TIMES = [
  '2024-02-29 23:59:59.999999+00',
  '2024-06-16 18:30:00.000001+00',
  '2024-06-16 18:30:00.0015+00',
  '1999-12-31 23:59:59.9995+00',
  '2024-06-16 18:30:00+00',
  '2024-06-16 20:30:00.123456+02',
  '0099-03-01 00:00:00.999+00',
];

describe('LogSnapshot', () => {
  const db = useEventStore();

  it('reads each event as readStream does, its time as the ISO text of the Date readStream gives', async () => {
    await db.store.append('snap-1', notes(1, TIMES.length), { expectedRevision: 'no-stream' });
    await db.store.append('snap-2', notes(1, 2), { expectedRevision: 'no-stream' });
    // Times to the microsecond, which no append writes: set behind the log's triggers, all of them.
    await db.pool.query('ALTER TABLE events DISABLE TRIGGER USER');
    await db.pool.query(
      `UPDATE events SET recorded_at = t.at::timestamptz FROM unnest($1::text[]) WITH ORDINALITY AS t(at, revision)
       WHERE stream_id = 'snap-1' AND events.revision = t.revision`,
      [TIMES],
    );
    await db.pool.query('ALTER TABLE events ENABLE TRIGGER USER');

    const client = await db.pool.connect();
    try {
      // A session time zone with a half-hour offset: the text must not depend on it.
      await client.query(`SET TimeZone = 'America/St_Johns'`);
      const log = await LogSnapshot.open(client, 'snap-');
      expect(log.total).toBe(TIMES.length + 2);
      const read = [...(await log.next(4)), ...(await log.next(4)), ...(await log.next(4))];
      await log.close();

      const stored = [...(await db.store.readStream('snap-1')), ...(await db.store.readStream('snap-2'))];
      expect(read).toEqual(
        stored.map(({ transactionId: _, recordedAt, ...event }) => ({ ...event, recordedAt: recordedAt.toISOString() })),
      );
      expect(read.slice(0, TIMES.length).map((event) => event.recordedAt)).toEqual([
        '2024-03-01T00:00:00.000Z',
        '2024-06-16T18:30:00.000Z',
        '2024-06-16T18:30:00.002Z',
        '1999-12-31T23:59:59.999Z',
        '2024-06-16T18:30:00.000Z',
        '2024-06-16T18:30:00.123Z',
        '0099-03-01T00:00:00.999Z',
      ]);
      expect(typeof read[0].position).toBe('number');
    } finally {
      // Not handed back: it keeps the time zone set here.
      client.release(true);
    }
  });

  it('fails a read whose reader throws, after draining its batch, and the connection reads on', async () => {
    await db.store.append('failing-1', notes(1, 5), { expectedRevision: 'no-stream' });
    const client = await db.pool.connect();
    try {
      const log = await LogSnapshot.open(client, 'failing-');
      const handed: number[] = [];
      const failing = log.read(3, (event) => {
        handed.push(event.revision);
        if (event.revision === 1) throw new Error('cannot fold this');
      });
      await expect(failing).rejects.toThrow('cannot fold this');
      // The rest of the failed batch was read and dropped, not handed over, nor left in the way.
      expect(handed).toEqual([1]);
      expect((await log.next(10)).map((event) => event.revision)).toEqual([4, 5]);
      await log.close();
      expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      client.release();
    }
  });
});
