import { until } from '../support/waiting';
import { type Checkpoint, EventStore, loadCheckpoint, type RecordedEvent, Subscription } from '@newsroom/event-store';
import { Pool } from 'pg';
import {
  CORRECTIONS_SUBSCRIBER,
  CorrectionsFollower,
} from '../../apps/newsroom-api/src/articles/projections/corrections-follower';
import { createTestApp, type TestApp } from '../support/test-app';
import { readModelsAndRebuild } from './log-invariants';

const ARTICLES = 3;
const NOTICES_PER_ARTICLE = 12;
const BATCH = 5;
/** The batch during which the first follower dies: after writing its rows, before its checkpoint. */
const CRASH_IN_BATCH = 4;

const marker = (a: number, n: number) => `[a${a}n${n}]`;

/**
 * The corrections feed's follower dies mid-stream at the worst moment (its rows written, its
 * checkpoint not) and a new one takes over under the same subscriber name. The feed must end
 * up exactly as a rebuild from the log makes it.
 */
describe('the corrections follower killed and restarted mid-stream', () => {
  let t: TestApp;
  let pool: Pool;
  let store: EventStore;
  let follower: CorrectionsFollower;
  const running: Subscription[] = [];

  beforeAll(async () => {
    // The application's own follower stays off: the test runs the feed's followers itself.
    t = await createTestApp({ runFollowers: false });
    pool = new Pool({ connectionString: t.database.url, max: 4 });
    store = new EventStore(pool);
    follower = t.app.get(CorrectionsFollower);
    const editor = await t.token('eddie', 'editor');
    const send = (path: string, body: object) => t.http().post(path).set('Authorization', `Bearer ${editor}`).send(body);

    const ids: string[] = [];
    for (let a = 0; a < ARTICLES; a++) {
      const paragraphs = Array.from({ length: NOTICES_PER_ARTICLE }, (_, n) => `Paragraph ${marker(a, n)} here.`);
      const created = await send('/articles', { headline: `Feed ${a}`, body: paragraphs.join('\n\n') });
      expect(created.status).toBe(201);
      ids.push(created.body.id as string);
    }
    // Interleaved across articles, with category adds (no notice) among them: the follower
    // must skip those without losing its place.
    for (let n = 0; n < NOTICES_PER_ARTICLE; n++) {
      for (let a = 0; a < ARTICLES; a++) {
        const fixed = await send(`/articles/${ids[a]}/text-corrections`, {
          find: marker(a, n),
          replace: `[fixed ${a}.${n}]`,
          reason: 'follower test',
          notice: `Notice ${n} of article ${a}.`,
          noticeKind: n % 2 === 0 ? 'correction' : 'clarification',
        });
        expect(fixed.status).toBe(200);
        if (n % 4 === 0) expect((await send(`/articles/${ids[a]}/categories`, { label: `Topic ${a}.${n}` })).status).toBe(200);
      }
    }
  });
  afterAll(async () => {
    await Promise.all(running.map((s) => s.stop()));
    await pool.end();
    await t.close();
  });

  /** A follower of the feed, as the application runs it, that also records each batch it is handed. */
  async function startFollower(onBatch: (events: RecordedEvent[], batch: number) => void = () => undefined) {
    const batches: RecordedEvent[][] = [];
    const subscription = new Subscription(
      store,
      pool,
      async (events) => {
        batches.push(events);
        await follower.handle(events);
        onBatch(events, batches.length);
      },
      { subscriber: CORRECTIONS_SUBSCRIBER, batchSize: BATCH, retryMs: 10 },
    );
    running.push(subscription);
    await subscription.start();
    return { subscription, batches };
  }

  it('resumes from its stored checkpoint: the unsaved batch again, nothing before it; the feed equals a rebuild', async () => {
    const { rows: log } = await pool.query<{ position: string }>('SELECT position FROM events ORDER BY transaction_id, position');
    const all = log.map((r) => Number(r.position));
    expect(all.length).toBeGreaterThan(BATCH * (CRASH_IN_BATCH + 2));

    // The first follower dies inside batch CRASH_IN_BATCH, once its rows are written.
    let crashed = false;
    const first = await startFollower((_events, batch) => {
      if (batch !== CRASH_IN_BATCH) return;
      crashed = true;
      void first.subscription.stop();
      throw new Error('follower killed');
    });
    await until(() => crashed);
    await first.subscription.stop();
    expect(first.batches).toHaveLength(CRASH_IN_BATCH);

    const saved = first.batches[CRASH_IN_BATCH - 2].at(-1) as RecordedEvent;
    expect(await loadCheckpoint(pool, CORRECTIONS_SUBSCRIBER)).toEqual<Checkpoint>({
      transactionId: saved.transactionId,
      position: saved.position,
    });

    const second = await startFollower();
    await until(async () => (await second.subscription.lag()) === 0);
    await second.subscription.stop();

    // It began with the batch whose checkpoint was never saved, not at the start of the log.
    const positions = (batches: RecordedEvent[][]) => batches.flat().map((e) => e.position);
    expect(positions(second.batches.slice(0, 1))).toEqual(positions(first.batches.slice(CRASH_IN_BATCH - 1)));
    // Between them every event was handled, in log order, and only that batch twice.
    expect([...positions(first.batches.slice(0, CRASH_IN_BATCH - 1)), ...positions(second.batches)]).toEqual(all);

    const { rows } = await pool.query<{ notices: number; feed: number }>(
      `SELECT (SELECT count(*)::int FROM events WHERE data ? 'notice') AS notices, (SELECT count(*)::int FROM corrections) AS feed`,
    );
    expect(rows[0]).toEqual({ notices: ARTICLES * NOTICES_PER_ARTICLE, feed: ARTICLES * NOTICES_PER_ARTICLE });
    const { live, rebuilt } = await readModelsAndRebuild(pool, t.database.url);
    expect(live).toBe(rebuilt);
  });
});
