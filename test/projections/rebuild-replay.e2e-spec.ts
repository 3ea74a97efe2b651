import { Pool } from 'pg';
import { SNAPSHOT_EVERY } from '../../apps/newsroom-api/src/articles/projections/read-model-rows';
import { rebuildProjections } from '../../apps/newsroom-api/src/articles/projections/rebuild/rebuild-projections';
import { createSampleArticle } from '../support/articles-api';
import { dumpReadModels } from '../support/read-models';
import { createTestApp, type TestApp } from '../support/test-app';

/** Text that COPY's format gives a meaning to, sent through the API as any editor could. */
const HEADLINE = 'Talks\tend in Geneva\r\nC:\\temp \\N "quoted"';
const REASONS = ['\\N', 'a\\\\N b', 'tab\there, newline\nthere', 'cr\r\nlf \\ back'];
const NOTICE = 'An earlier version said\tmore than four hours.\nIt was \\N\\t under four.';
const REPLACEMENT = 'nearly\tfour hours \\';

describe('the rebuild’s replay (COPY, overlapped batches)', () => {
  let t: TestApp;
  let pool: Pool;
  let editor: string;
  let long: string;
  let expectedRevisions: number;

  async function send(method: 'post' | 'put' | 'delete', path: string, body: Record<string, unknown>) {
    const res = await t.http()[method](path).set('Authorization', `Bearer ${editor}`).send(body);
    if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { revision: number; categories: Array<{ slug: string }> };
  }

  beforeAll(async () => {
    t = await createTestApp();
    pool = new Pool({ connectionString: t.database.url, max: 4 });
    // A backslash sequence COPY would read as NULL; a tab in the actor is no longer possible (sub must be printable).
    editor = await t.token('eddie \\N', 'editor');
    long = await createSampleArticle(t, editor);
    await send('put', `/articles/${long}/headline`, { headline: HEADLINE, reason: REASONS[0] });
    await send('post', `/articles/${long}/text-corrections`, {
      find: 'more than four hours',
      replace: REPLACEMENT,
      reason: REASONS[1],
      notice: NOTICE,
    });
    const added = await send('post', `/articles/${long}/categories`, {
      label: 'Back\\slash "Quote", {Brace}',
      reason: REASONS[2],
    });
    await send('post', `/articles/${long}/publication`, { reason: REASONS[3] });
    await send('post', `/articles/${long}/reverts`, { revision: added.revision, reason: 'revert\tthe category' });
    await send('delete', `/articles/${long}/publication`, { reason: 'Legal\\review' });
    await send('post', `/articles/${long}/restorations`, { revision: 2, reason: 'back to\nrevision 2' });
    // Past two snapshots, and long enough that any small batch ends inside this stream.
    let revision = 0;
    while (revision < 2 * SNAPSHOT_EVERY + 5) {
      const body = await send('post', `/articles/${long}/categories`, { label: `Round ${revision}` });
      revision = (await send('delete', `/articles/${long}/categories/${body.categories.at(-1)?.slug}`, {})).revision;
    }
    expectedRevisions = revision;
    for (let i = 0; i < 3; i++) await createSampleArticle(t, editor);
    // GET /corrections waits for the corrections follower: the live read models are then complete.
    await t.http().get('/corrections').set('Authorization', `Bearer ${editor}`);
  }, 120_000);
  afterAll(async () => {
    await pool.end();
    await t.close();
  });

  it('gives read models identical to the live projection’s, whatever the batch size', async () => {
    const live = await dumpReadModels(pool);
    for (const batchSize of [1, 2, 3, 7, 64, 5000]) {
      const report = await rebuildProjections(pool, t.database.url, { batchSize });
      expect(report.events).toBe(expectedRevisions + 3);
      expect({ batchSize, tables: await dumpReadModels(pool) }).toEqual({ batchSize, tables: live });
    }
  });

  it('writes an article whose stream spans many batches once, as its last event left it', async () => {
    await rebuildProjections(pool, t.database.url, { batchSize: 4 });
    const { rows } = await pool.query(`SELECT id, revision, document->>'headline' AS headline FROM articles WHERE id = $1`, [
      long,
    ]);
    expect(rows).toEqual([{ id: long, revision: expectedRevisions, headline: HEADLINE }]);
    const counts = await pool.query(`SELECT count(*)::int AS articles, count(DISTINCT id)::int AS ids FROM articles`);
    expect(counts.rows).toEqual([{ articles: 4, ids: 4 }]);
  });

  it('keeps text with tabs, newlines, backslashes and \\N exactly as it was sent', async () => {
    await rebuildProjections(pool, t.database.url, { batchSize: 5 });
    const { rows: revisions } = await pool.query<{ actor: string; reason: string | null }>(
      `SELECT actor, reason FROM article_revisions WHERE article_id = $1 AND revision BETWEEN 2 AND 5 ORDER BY revision`,
      [long],
    );
    expect(revisions).toEqual(REASONS.map((reason) => ({ actor: 'eddie \\N', reason })));
    const { rows: corrections } = await pool.query(`SELECT text, headline FROM corrections WHERE article_id = $1`, [long]);
    expect(corrections).toEqual([{ text: NOTICE, headline: HEADLINE }]);
    const { rows: snapshot } = await pool.query(
      `SELECT snapshot FROM article_revisions WHERE article_id = $1 AND revision = $2`,
      [long, SNAPSHOT_EVERY],
    );
    expect(JSON.stringify(snapshot[0].snapshot)).toContain(JSON.stringify(HEADLINE).slice(1, -1));
  });

  it('fails cleanly when a COPY fails mid-way: served tables intact, the lock released, a rerun completes', async () => {
    const live = await dumpReadModels(pool);
    let sabotage: Promise<unknown> | undefined;
    const failing = rebuildProjections(pool, t.database.url, {
      batchSize: 2,
      throttleMs: 20,
      onProgress: () => (sabotage ??= pool.query('DROP TABLE article_revisions_rebuild')),
    });
    await expect(failing).rejects.toThrow(/article_revisions_rebuild/);
    await sabotage;
    expect(await dumpReadModels(pool)).toBe(live);
    await rebuildProjections(pool, t.database.url, { batchSize: 2 });
    expect(await dumpReadModels(pool)).toBe(live);
  });
});
