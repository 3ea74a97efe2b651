import type { PoolClient } from 'pg';
import { WrongExpectedRevisionError } from '@newsroom/event-store';
import { noted, useEventStore } from './store-fixture';

const WRITERS = 50;

describe('concurrent appends to one stream', () => {
  const db = useEventStore(WRITERS);

  it(`lets exactly one of ${WRITERS} writers with the same expected revision through, leaving no gap`, async () => {
    await db.store.append('contested', [noted(0)], { expectedRevision: 'no-stream' });
    // One open connection per writer, so that all statements really race in the database.
    const clients: PoolClient[] = await Promise.all(Array.from({ length: WRITERS }, () => db.pool.connect()));
    try {
      const outcomes = await Promise.allSettled(
        clients.map((client, i) => db.store.append('contested', [noted(i + 1)], { expectedRevision: 1 }, client)),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(WRITERS - 1);
      for (const error of lost) expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    } finally {
      for (const client of clients) client.release();
    }
    const stream = await db.store.readStream('contested');
    expect(stream.map((e) => e.revision)).toEqual([1, 2]);
  });
});
