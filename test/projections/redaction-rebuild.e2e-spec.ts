import { EventStore } from '@newsroom/event-store';
import { Pool } from 'pg';
import { CorrectionsFollower } from '../../apps/newsroom-api/src/articles/projections/corrections-follower';
import { rebuildProjections } from '../../apps/newsroom-api/src/articles/projections/rebuild/rebuild-projections';
import { createSampleArticle } from '../support/articles-api';
import { dumpReadModels } from '../support/read-models';
import { runSampleScenario, type Scenario } from '../support/sample-scenario';
import { createTestApp, type TestApp } from '../support/test-app';
import { untilBlocked } from '../support/waiting';

const NAME = 'Matthew Chance';

/**
 * Issue 14: the read models a redaction writes in its transaction are the ones the rebuild folds
 * from the rewritten log, byte for byte; the corrections follower, handling the log again, changes
 * none of them; and a redaction committed while a rebuild replays is not undone by its swap.
 */
describe('read models after a redaction', () => {
  let t: TestApp;
  let pool: Pool;
  let s: Scenario;
  let legal: string;
  const redact = (id: string, text: string) =>
    t
      .http()
      .post(`/articles/${id}/redactions`)
      .set('Authorization', `Bearer ${legal}`)
      .send({ text, reason: 'Court order', authority: 'High Court, injunction HC-2026-117' });

  beforeAll(async () => {
    t = await createTestApp();
    pool = new Pool({ connectionString: t.database.url, max: 4 });
    s = await runSampleScenario(t);
    legal = await t.token('lena', 'legal');
    // A notice that names him, for the corrections feed to hold.
    const res = await t
      .http()
      .post(`/articles/${s.id}/text-corrections`)
      .set('Authorization', `Bearer ${s.editor}`)
      .send({
        find: "CNN's Matthew Chance",
        replace: 'a CNN correspondent',
        reason: 'Unnamed',
        notice: `An earlier version named ${NAME}.`,
      });
    expect(res.status).toBe(200);
    // Another story holding the name, left unredacted: the rebuild must keep it as it is.
    await createSampleArticle(t, s.editor);
    // The feed is filled before the redaction: GET /corrections waits for the follower.
    await t.http().get('/corrections').set('Authorization', `Bearer ${s.editor}`);
  });
  afterAll(async () => {
    await pool.end();
    await t.close();
  });

  async function rowsHolding(text: string, articleId: string): Promise<number> {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT ((SELECT count(*) FROM articles WHERE id = $2 AND (document::text LIKE $1 OR blocks::text LIKE $1))
             + (SELECT count(*) FROM article_revisions WHERE article_id = $2 AND (summary LIKE $1 OR snapshot::text LIKE $1))
             + (SELECT count(*) FROM corrections WHERE article_id = $2 AND text LIKE $1))::int AS n`,
      [`%${text}%`, articleId],
    );
    return rows[0].n;
  }

  it('are what the rebuild folds from the rewritten log, byte for byte', async () => {
    expect(await rowsHolding(NAME, s.id)).toBeGreaterThan(3);
    const res = await redact(s.id, NAME);
    expect(res.status).toBe(200);
    expect(await rowsHolding(NAME, s.id)).toBe(0);
    const live = await dumpReadModels(pool);
    const report = await rebuildProjections(pool, t.database.url, { batchSize: 4 });
    expect(report.events).toBe(10 + 1);
    expect(await dumpReadModels(pool)).toBe(live);
    expect(await rowsHolding(NAME, s.id)).toBe(0);
  });

  it('are left as they are by the corrections follower handling the whole log again, the redaction included', async () => {
    const before = await dumpReadModels(pool);
    const events = await t.app.get(EventStore).readAll({ limit: 1000 });
    expect(events.map((event) => event.type)).toContain('PassageRedacted');
    await t.app.get(CorrectionsFollower).handle(events);
    expect(await dumpReadModels(pool)).toBe(before);
  });

  it('overwrite a feed entry the follower writes from the unredacted log while the redaction runs', async () => {
    const id = await createSampleArticle(t, s.editor);
    const fixed = await t.http().post(`/articles/${id}/text-corrections`).set('Authorization', `Bearer ${s.editor}`).send({
      find: 'Joe Biden',
      replace: 'Joseph R. Biden',
      reason: 'Style',
      notice: 'An earlier version of this article called him Joe Biden.',
    });
    expect(fixed.status).toBe(200);
    await t.http().get('/corrections').set('Authorization', `Bearer ${s.editor}`);
    const entry = await pool.query('SELECT * FROM corrections WHERE article_id = $1', [id]);
    expect(entry.rows).toHaveLength(1);
    // The follower in flight: it read the log before the redaction and writes its entry as the redaction runs.
    await pool.query('DELETE FROM corrections WHERE article_id = $1', [id]);
    const follower = await pool.connect();
    try {
      await follower.query('BEGIN');
      await follower.query(
        'INSERT INTO corrections SELECT * FROM jsonb_populate_record(NULL::corrections, $1::jsonb) ON CONFLICT DO NOTHING',
        [JSON.stringify(entry.rows[0])],
      );
      const redacting = redact(id, 'Joe Biden').then((res) => res);
      await untilBlocked(pool);
      await follower.query('COMMIT');
      expect((await redacting).status).toBe(200);
    } finally {
      follower.release();
    }
    const { rows } = await pool.query<{ text: string }>('SELECT text FROM corrections WHERE article_id = $1', [id]);
    expect(rows).toEqual([{ text: 'An earlier version of this article called him [redacted].' }]);
  });

  it('keep a redaction committed while a rebuild replays: the swap folds that article again from the log', async () => {
    const id = await createSampleArticle(t, s.editor);
    expect(await rowsHolding('Joe Biden', id)).toBeGreaterThan(0);
    let redacting: Promise<{ status: number }> | undefined;
    const report = await rebuildProjections(pool, t.database.url, {
      batchSize: 1,
      throttleMs: 50,
      // Once the replay has copied the new story (the log is read stream by stream, in id order,
      // so wait for the first batch), the redaction rewrites events the copy already holds.
      onProgress: () => void (redacting ??= redact(id, 'Joe Biden').then((res) => res)),
    });
    expect((await redacting)?.status).toBe(200);
    expect(report.caughtUp).toBeGreaterThanOrEqual(1);
    expect(await rowsHolding('Joe Biden', id)).toBe(0);
    const swapped = await dumpReadModels(pool);
    await rebuildProjections(pool, t.database.url);
    expect(await dumpReadModels(pool)).toBe(swapped);
  });
});
