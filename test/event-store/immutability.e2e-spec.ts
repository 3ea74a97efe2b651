import { noted, useEventStore } from './store-fixture';

describe('the events table', () => {
  const db = useEventStore();

  beforeAll(() => db.store.append('fixed', [noted(1)], { expectedRevision: 'no-stream' }));

  it.each([
    ['UPDATE', `UPDATE events SET data = '{}'`],
    ['UPDATE of no row', `UPDATE events SET data = '{}' WHERE false`],
    ['DELETE', `DELETE FROM events`],
    ['DELETE of no row', `DELETE FROM events WHERE false`],
    ['TRUNCATE', `TRUNCATE events`],
  ])('refuses %s', async (_, statement) => {
    await expect(db.pool.query(statement)).rejects.toThrow(/events are immutable/);
    expect((await db.store.readStream('fixed')).map((e) => e.data)).toEqual([{ n: 1 }]);
  });
});
