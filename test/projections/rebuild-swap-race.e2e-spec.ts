import { type ArticleEvent, decide, fold } from '@newsroom/articles';
import { EventStore } from '@newsroom/event-store';
import { Pool, type PoolClient } from 'pg';
import { streamIdOf, toArticleEvent } from '../../apps/newsroom-api/src/articles/article-stream';
import { emptyRows, rowsFor } from '../../apps/newsroom-api/src/articles/projections/read-model-rows';
import { writeRows } from '../../apps/newsroom-api/src/articles/projections/read-model-writer';
import { rebuildProjections } from '../../apps/newsroom-api/src/articles/projections/rebuild/rebuild-projections';
import { dumpReadModels } from '../support/read-models';
import { runSampleScenario, type Scenario } from '../support/sample-scenario';
import { createTestApp, type TestApp } from '../support/test-app';
import { untilBlocked } from '../support/waiting';

/**
 * The API's commands append and write their read models in one statement. A writer that does
 * it in two statements of one transaction (a script, a future projection) gives a rebuild two
 * interleavings to get right: its rows must end up in the tables served afterwards, whichever
 * side goes first.
 */
describe('a rebuild swapping tables while a writer is half-way through its transaction', () => {
  let t: TestApp;
  let pool: Pool;
  let store: EventStore;
  let s: Scenario;

  beforeAll(async () => {
    t = await createTestApp({ runFollowers: false });
    pool = new Pool({ connectionString: t.database.url, max: 6 });
    store = new EventStore(pool);
    s = await runSampleScenario(t);
  });
  afterAll(async () => {
    await pool.end();
    await t.close();
  });

  /** The writer's transaction up to its append: adding a category. */
  async function appendInTransaction(client: PoolClient, label: string) {
    const history = (await store.readStream(streamIdOf(s.id))).map(toArticleEvent);
    const before = fold(s.id, history);
    const event = decide({ type: 'AddCategory', label }, before, { actor: { id: 'eve', roles: ['editor'] } }) as ArticleEvent;
    await client.query('BEGIN');
    const appended = await store.append(
      streamIdOf(s.id),
      [
        {
          type: event.type,
          data: event.data as unknown as Record<string, unknown>,
          metadata: { actor: 'eve', schemaVersion: 1 },
        },
      ],
      { expectedRevision: before.revision },
      client,
    );
    return { before, appended: appended.events };
  }

  async function project(client: PoolClient, change: Awaited<ReturnType<typeof appendInTransaction>>): Promise<void> {
    const rows = emptyRows();
    rowsFor(change.before, change.appended.map(toArticleEvent), change.appended, rows);
    await writeRows(client, rows);
  }

  async function servedRevision(): Promise<number> {
    const { rows } = await pool.query<{ revision: number }>('SELECT revision FROM articles WHERE id = $1', [s.id]);
    return rows[0].revision;
  }

  /** The served tables equal what a rebuild from the log alone gives. */
  async function expectTablesToMatchTheLog(): Promise<void> {
    const served = await dumpReadModels(pool);
    await rebuildProjections(pool, t.database.url);
    expect(await dumpReadModels(pool)).toBe(served);
  }

  it('appended before the swap, projected after it: the rows land in the swapped-in tables', async () => {
    const client = await pool.connect();
    try {
      const change = await appendInTransaction(client, 'Appended before the swap');
      // The writer holds no lock on the read models yet: the rebuild swaps without waiting for
      // it, and its catch-up cannot see the uncommitted event.
      const report = await rebuildProjections(pool, t.database.url);
      expect(report.caughtUp).toBe(0);
      await project(client, change);
      await client.query('COMMIT');
      expect(await servedRevision()).toBe(change.appended[0].revision);
    } finally {
      client.release();
    }
    await expectTablesToMatchTheLog();
  });

  it('projected before the swap: the rebuild waits for the command to commit, then includes it', async () => {
    const client = await pool.connect();
    try {
      const change = await appendInTransaction(client, 'Projected before the swap');
      await project(client, change);
      let finished = false;
      const rebuilding = rebuildProjections(pool, t.database.url).finally(() => (finished = true));
      // The rebuild's lock on the served tables waits for the writer's transaction to end.
      await untilBlocked(pool);
      expect(finished).toBe(false);
      await client.query('COMMIT');
      const report = await rebuilding;
      expect(report.caughtUp).toBe(1);
      expect(await servedRevision()).toBe(change.appended[0].revision);
    } finally {
      client.release();
    }
    await expectTablesToMatchTheLog();
  });
});
