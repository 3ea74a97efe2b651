import { EventStore, WrongExpectedRevisionError } from '@newsroom/event-store';
import { createTestPool } from '../support/test-database';

describe('EventStore.append', () => {
  let ctx: Awaited<ReturnType<typeof createTestPool>>;
  let store: EventStore;

  beforeAll(async () => {
    ctx = await createTestPool();
    store = new EventStore(ctx.pool);
  });
  afterAll(() => ctx.close());

  const event = (n: number) => ({ type: 'Noted', data: { n }, metadata: { schemaVersion: 1, actor: 'alice' } });

  it('starts a stream at revision 1 and keeps revisions contiguous', async () => {
    const first = await store.append('s-1', [event(1), event(2)], { expectedRevision: 'no-stream' });
    expect(first.events.map((e) => e.revision)).toEqual([1, 2]);
    const second = await store.append('s-1', [event(3)], { expectedRevision: 2 });
    expect(second.events.map((e) => e.revision)).toEqual([3]);
    expect((await store.readStream('s-1')).map((e) => e.data.n)).toEqual([1, 2, 3]);
  });

  it('refuses a writer that is behind or ahead, writing nothing', async () => {
    await store.append('s-2', [event(1)], { expectedRevision: 'no-stream' });
    await expect(store.append('s-2', [event(2)], { expectedRevision: 'no-stream' })).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    await expect(store.append('s-2', [event(2)], { expectedRevision: 5 })).rejects.toMatchObject({ actual: 1, expected: 5 });
    expect(await store.streamRevision('s-2')).toBe(1);
  });
});
