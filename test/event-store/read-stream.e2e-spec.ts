import { START } from '@newsroom/event-store';
import { follow } from './follower';
import { rowsReadFrom, sentQueries } from './sent-queries';
import { pause } from '../support/waiting';
import { noted, notes, useEventStore } from './store-fixture';

describe('EventStore.readStream and countAfter', () => {
  const db = useEventStore();

  beforeAll(async () => {
    await db.store.append('story', notes(1, 3), { expectedRevision: 'no-stream' });
    await pause(20);
    await db.store.append('story', notes(4, 2), { expectedRevision: 3 });
  });

  it('reads a range of revisions', async () => {
    const range = await db.store.readStream('story', { fromRevision: 2, toRevision: 4 });
    expect(range.map((e) => e.revision)).toEqual([2, 3, 4]);
    expect((await db.store.readStream('story', { fromRevision: 5 })).map((e) => e.data.n)).toEqual([5]);
  });

  it('reads a page: the first `limit` events of a range, each page on from the last revision read', async () => {
    expect((await db.store.readStream('story', { limit: 2 })).map((e) => e.revision)).toEqual([1, 2]);
    expect((await db.store.readStream('story', { fromRevision: 3, limit: 2 })).map((e) => e.revision)).toEqual([3, 4]);
    expect((await db.store.readStream('story', { fromRevision: 5, limit: 2 })).map((e) => e.revision)).toEqual([5]);
    expect((await db.store.readStream('story', { fromRevision: 2, toRevision: 3, limit: 5 })).map((e) => e.revision)).toEqual([
      2, 3,
    ]);
  });

  it('reads the stream as it stood at a time', async () => {
    const stream = await db.store.readStream('story');
    const firstBatchAt = stream[2].recordedAt;
    expect(firstBatchAt.getTime()).toBeLessThan(stream[3].recordedAt.getTime());
    expect((await db.store.readStream('story', { until: firstBatchAt })).map((e) => e.revision)).toEqual([1, 2, 3]);
    expect(await db.store.readStream('story', { until: new Date(firstBatchAt.getTime() - 1) })).toEqual([]);
  });

  it('reads nothing of a stream that does not exist', async () => {
    expect(await db.store.readStream('no-such-story')).toEqual([]);
    expect(await db.store.streamRevision('no-such-story')).toBe(0);
  });

  it("reports a follower's lag as the events after its checkpoint", async () => {
    expect(await db.store.countAfter(START)).toBe(5);
    const [, second] = await follow(db.store, { prefix: 'story', expect: 2, limit: 2 });
    expect(await db.store.countAfter(second)).toBe(3);
    await db.store.append('story', [noted(6)], { expectedRevision: 5 });
    expect(await db.store.countAfter(second)).toBe(4);
  });

  it('reads a page of a long stream from its range alone, whatever stale statistics say of the stream', async () => {
    // Statistics from before the stream grew: with ORDER BY … LIMIT the planner read all of it and sorted.
    await db.pool.query('ANALYZE events');
    await db.store.append('long-story', notes(1, 3000), { expectedRevision: 'no-stream' });
    const [page] = await sentQueries(db.pool, () => db.store.readStream('long-story', { fromRevision: 1001, limit: 10 }));
    expect(await rowsReadFrom(db.pool, page, 'events')).toBe(10);
  });
});
