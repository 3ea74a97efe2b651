import pg from 'pg';
import { SNAPSHOT_EVERY } from '../../apps/newsroom-api/src/articles/projections/read-model-rows';
import { createSampleArticle } from '../support/articles-api';
import { createTestApp, type TestApp } from '../support/test-app';

/** Counts the statements every pg client sends, and the rows they bring back, while `work` runs. */
async function countQueries<T>(work: () => Promise<T>): Promise<{ result: T; queries: number; rows: number; texts: string[] }> {
  const original = pg.Client.prototype.query;
  const texts: string[] = [];
  let rows = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const text = String(typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string }).text).trim();
    // The store's deferred wake-up of followers after the set-up's last append is not part of a read.
    if (!text.startsWith('SELECT pg_notify(')) texts.push(text.slice(0, 60));
    const result = (original as (...a: unknown[]) => unknown).apply(this, args);
    if (result instanceof Promise) return result.then((r: { rowCount?: number | null }) => ((rows += r?.rowCount ?? 0), r));
    return result;
  } as typeof original;
  try {
    const result = await work();
    return { result, queries: texts.length, rows, texts };
  } finally {
    pg.Client.prototype.query = original;
  }
}

describe('past revisions of a long history', () => {
  const REVISIONS = 2000;
  let t: TestApp;
  let id: string;
  let editor: string;

  beforeAll(async () => {
    // No follower: its background polls would be counted with the reads.
    t = await createTestApp({ runFollowers: false });
    editor = await t.token('eddie', 'editor');
    id = await createSampleArticle(t, editor);
    for (let revision = 2; revision <= REVISIONS; revision++) {
      const res =
        revision % 2 === 0
          ? await t
              .http()
              .post(`/articles/${id}/categories`)
              .set('Authorization', `Bearer ${editor}`)
              .send({ label: `Topic ${revision}` })
          : await t
              .http()
              .delete(`/articles/${id}/categories/topic-${revision - 1}`)
              .set('Authorization', `Bearer ${editor}`);
      if (res.status !== 200) throw new Error(`revision ${revision}: ${res.status}`);
    }
  }, 180_000);
  afterAll(() => t.close());

  it.each([1, 2, 777, 1234, 1999, 2000])('reads revision %i in a bounded number of queries and rows', async (revision) => {
    const { result, queries, rows, texts } = await countQueries(() =>
      t.http().get(`/articles/${id}?revision=${revision}`).set('Authorization', `Bearer ${editor}`),
    );
    expect(result.body.revision).toBe(revision);
    expect(result.body.categories).toHaveLength(revision % 2 === 0 ? 1 : 0);
    // One snapshot lookup and one short read of the stream, whatever the length of the history.
    expect(queries).toBeGreaterThan(0);
    expect(queries <= 2 ? 'at most 2 queries' : texts).toBe('at most 2 queries');
    expect(rows).toBeLessThanOrEqual(SNAPSHOT_EVERY);
  });

  it('reads /revisions/N and asOf in a bounded number of queries too', async () => {
    const byPath = await countQueries(() =>
      t.http().get(`/articles/${id}/revisions/1555`).set('Authorization', `Bearer ${editor}`),
    );
    expect(byPath.result.body.article.revision).toBe(1555);
    expect(byPath.queries).toBeLessThanOrEqual(3);
    expect(byPath.rows).toBeLessThanOrEqual(SNAPSHOT_EVERY + 1);
    const moment = byPath.result.body.recordedAt;
    const asOf = await countQueries(() =>
      t.http().get(`/articles/${id}?asOf=${moment}`).set('Authorization', `Bearer ${editor}`),
    );
    expect(asOf.result.body.revision).toBeGreaterThanOrEqual(1555);
    expect(asOf.queries).toBeLessThanOrEqual(3);
    expect(asOf.rows).toBeLessThanOrEqual(SNAPSHOT_EVERY + 1);
  });
});
