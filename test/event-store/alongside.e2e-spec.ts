import type { AlongsideWrite } from '@newsroom/event-store';
import { WrongExpectedRevisionError } from '@newsroom/event-store';
import { noted, notes, useEventStore } from './store-fixture';

/** A caller's row per appended event, keyed by a note that a test can make collide. */
const NOTE = `
  INSERT INTO side_notes (stream_id, revision, position, recorded_at, note)
  SELECT $1, appended.revision, appended.position, appended.recorded_at, $2 || appended.revision FROM appended`;

const note = (streamId: string, prefix: string): AlongsideWrite => ({ text: NOTE, values: [streamId, prefix] });

describe('EventStore.append with writes alongside and a chosen time', () => {
  const db = useEventStore();

  beforeAll(async () => {
    await db.pool.query(
      `CREATE TABLE side_notes (stream_id text, revision int, position bigint, recorded_at timestamptz, note text UNIQUE)`,
    );
  });

  const notesOf = async (streamId: string) =>
    (
      await db.pool.query<{ revision: number; position: string; note: string }>(
        'SELECT revision, position, note FROM side_notes WHERE stream_id = $1 ORDER BY revision, note',
        [streamId],
      )
    ).rows;

  it('commits the writes with the events, seeing their positions, for one event and for a batch', async () => {
    const one = await db.store.append('al-1', [noted(1)], { expectedRevision: 'no-stream', alongside: [note('al-1', 'a')] });
    const batch = await db.store.append('al-1', notes(2, 3), {
      expectedRevision: 1,
      alongside: [note('al-1', 'b'), note('al-1', 'c')],
    });
    const written = [...one.events, ...batch.events];
    expect(await notesOf('al-1')).toEqual([
      { revision: 1, position: String(written[0].position), note: 'a1' },
      { revision: 2, position: String(written[1].position), note: 'b2' },
      { revision: 2, position: String(written[1].position), note: 'c2' },
      { revision: 3, position: String(written[2].position), note: 'b3' },
      { revision: 3, position: String(written[2].position), note: 'c3' },
      { revision: 4, position: String(written[3].position), note: 'b4' },
      { revision: 4, position: String(written[3].position), note: 'c4' },
    ]);
  });

  it('writes nothing alongside when the append is refused', async () => {
    await db.store.append('al-2', [noted(1)], { expectedRevision: 'no-stream' });
    await expect(
      db.store.append('al-2', [noted(2)], { expectedRevision: 0 as never, alongside: [note('al-2', 'stale')] }),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(
      db.store.append('al-2', [noted(2)], { expectedRevision: 5, alongside: [note('al-2', 'ahead')] }),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(await notesOf('al-2')).toEqual([]);
  });

  it('appends nothing when a write alongside fails', async () => {
    await db.store.append('al-3', [noted(1)], { expectedRevision: 'no-stream', alongside: [note('al-3', 'taken')] });
    const colliding: AlongsideWrite = { text: NOTE.replace('$2 || appended.revision', '$2'), values: ['al-3', 'taken1'] };
    await expect(db.store.append('al-3', [noted(2)], { expectedRevision: 1, alongside: [colliding] })).rejects.toMatchObject({
      code: '23505',
    });
    expect(await db.store.streamRevision('al-3')).toBe(1);
    expect((await notesOf('al-3')).map((row) => row.note)).toEqual(['taken1']);
  });

  it('stores the chosen time to the millisecond, and the database’s own time otherwise', async () => {
    const chosen = new Date('2026-06-16T10:20:30.456Z');
    const { events } = await db.store.append('al-4', [noted(1)], { expectedRevision: 'no-stream', recordedAt: chosen });
    expect(events[0].recordedAt.toISOString()).toBe(chosen.toISOString());
    expect((await db.store.readStream('al-4'))[0].recordedAt.toISOString()).toBe(chosen.toISOString());
    const before = Date.now();
    const [own] = (await db.store.append('al-4', [noted(2)], { expectedRevision: 1 })).events;
    expect(Math.abs(own.recordedAt.getTime() - before)).toBeLessThan(5_000);
    expect(() =>
      db.store.append('al-4', [noted(3)], { expectedRevision: 2, recordedAt: new Date('nonsense') }),
    ).rejects.toBeInstanceOf(RangeError);
  });
});
