import { Client } from 'pg';
import { expectProblem } from '../support/articles-api';
import { GENEVA_SUMMIT } from '../support/sample-story';
import { runSampleScenario, type Scenario } from '../support/sample-scenario';
import { createTestApp, type TestApp } from '../support/test-app';

describe('reads after the sample scenario', () => {
  let t: TestApp;
  let s: Scenario;
  let auditor: string;
  const get = (path: string, token = auditor) => t.http().get(path).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await createTestApp();
    s = await runSampleScenario(t);
    auditor = await t.token('audrey', 'auditor');
  });
  afterAll(() => t.close());

  it('serves the current article as the last command answered it, with its ETag', async () => {
    const res = await get(`/articles/${s.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"8"');
    expect(res.body).toEqual(s.answers.get(8));
  });

  it('answers the article in the bytes its whole document had as one jsonb, the blocks in their own column', async () => {
    // Before ArticleBlocks1796700000000 a read answered `document` alone, keys in jsonb's order.
    const db = new Client({ connectionString: t.database.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ whole: object }>(
        `SELECT document || jsonb_build_object('blocks', blocks) AS whole FROM articles WHERE id = $1`,
        [s.id],
      );
      expect((await get(`/articles/${s.id}`)).text).toBe(JSON.stringify(rows[0].whole));
      expect((await get(`/articles?limit=1`)).text).toBe(JSON.stringify({ items: [rows[0].whole], nextCursor: null }));
    } finally {
      await db.end();
    }
  });

  it('lists the history with actors, reasons and summaries, oldest first', async () => {
    const res = await get(`/articles/${s.id}/revisions`);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items.map((i: { revision: number }) => i.revision)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(res.body.items[2]).toEqual({
      revision: 3,
      type: 'AttributionFixed',
      actor: 'rita',
      actorName: null,
      reason: 'The question came from CNN',
      recordedAt: expect.any(String),
      summary: "Attribution fixed: “Citizen Free Press’s Matthew Chance” → “CNN's Matthew Chance”",
    });
    expect(res.body.items[4].summary).toBe('Category added: Diplomacy');
    expect(res.body.items[6]).toMatchObject({ actor: 'eddie', type: 'ArticlePublished' });
  });

  it('pages the history with a cursor', async () => {
    const first = await get(`/articles/${s.id}/revisions?limit=3`);
    expect(first.body.items.map((i: { revision: number }) => i.revision)).toEqual([1, 2, 3]);
    const second = await get(`/articles/${s.id}/revisions?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((i: { revision: number }) => i.revision)).toEqual([4, 5, 6]);
  });

  it('gives the original text at revision 1', async () => {
    const res = await get(`/articles/${s.id}?revision=1`);
    expect(res.body.revision).toBe(1);
    expect(res.body.blocks.map((b: { text: string }) => b.text).join('\n\n')).toBe(
      GENEVA_SUMMIT.replace(/\n\nCategorized in:$/, ''),
    );
  });

  it('agrees between ?revision=N and /revisions/N for every revision', async () => {
    for (let n = 1; n <= 8; n++) {
      const [byQuery, byPath] = await Promise.all([
        get(`/articles/${s.id}?revision=${n}`),
        get(`/articles/${s.id}/revisions/${n}`),
      ]);
      expect(byPath.body.article).toEqual(byQuery.body);
      expect(byPath.body.revision).toBe(n);
      if (s.answers.has(n)) expect(byQuery.body).toEqual(s.answers.get(n));
    }
  });

  it('picks the right revision for asOf', async () => {
    const history = (await get(`/articles/${s.id}/revisions`)).body.items as Array<{ revision: number; recordedAt: string }>;
    for (const entry of history) {
      const res = await get(`/articles/${s.id}?asOf=${encodeURIComponent(entry.recordedAt)}`);
      const last = history.filter((h) => h.recordedAt <= entry.recordedAt).at(-1);
      expect(res.body.revision).toBe(last?.revision);
    }
    expectProblem(await get(`/articles/${s.id}?asOf=2001-01-01T00:00:00Z`), 404);
    expectProblem(await get(`/articles/${s.id}?asOf=yesterday`), 400);
  });

  it('pages the history newest first with ?order=desc, each cursor in its own order only', async () => {
    const all = ((await get(`/articles/${s.id}/revisions?limit=100`)).body.items as Array<{ revision: number }>).map(
      (e) => e.revision,
    );
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await get(`/articles/${s.id}/revisions?order=desc&limit=2${query}`);
      expect(page.status).toBe(200);
      seen.push(...(page.body.items as Array<{ revision: number }>).map((e) => e.revision));
      cursor = page.body.nextCursor;
      if (cursor) expectProblem(await get(`/articles/${s.id}/revisions?cursor=${cursor}`), 400);
    } while (cursor);
    expect(seen).toEqual([...all].reverse());
    const ascending = (await get(`/articles/${s.id}/revisions?limit=1`)).body.nextCursor;
    expectProblem(await get(`/articles/${s.id}/revisions?order=desc&cursor=${ascending}`), 400);
    expectProblem(await get(`/articles/${s.id}/revisions?order=newest`), 400);
  });

  // RFC 3339 §5.7: a leap second is a real moment; it reads as the end of its minute.
  it('takes asOf at a leap second, and refuses what RFC 3339 does not allow', async () => {
    const latest = (await get(`/articles/${s.id}`)).body.revision;
    expect((await get(`/articles/${s.id}?asOf=9999-12-31T23:59:60Z`)).body.revision).toBe(latest);
    expectProblem(await get(`/articles/${s.id}?asOf=1990-12-31T23:59:60Z`), 404);
    for (const malformed of ['2030-01-01T10:00:00+05', '2030-01-01 10:00:00Z', '2030-02-30T10:00:00Z'])
      expectProblem(await get(`/articles/${s.id}?asOf=${encodeURIComponent(malformed)}`), 400);
  });

  it('diffs the two text fixes at word level', async () => {
    const res = await get(`/articles/${s.id}/diff?from=3&to=4`);
    expect(res.status).toBe(200);
    const changed = res.body.blocks.filter((b: { change: string }) => b.change === 'changed');
    expect(changed).toHaveLength(1);
    const ops = changed[0].ops as Array<{ op: string; text: string }>;
    expect(ops.filter((o) => o.op === 'delete').map((o) => o.text.trim())).toContain('La Casa');
    expect(ops.filter((o) => o.op === 'insert').map((o) => o.text.trim())).toContain('White House');
    expect(ops.find((o) => o.op === 'equal' && o.text.includes('official said'))).toBeDefined();
    expect(res.body.blocks.filter((b: { change: string }) => b.change === 'unchanged')).toHaveLength(12);
    expect(res.body.categories).toEqual({ added: [], removed: [] });
    const categories = await get(`/articles/${s.id}/diff?from=4&to=6`);
    expect(categories.body.categories.added.map((c: { slug: string }) => c.slug)).toEqual(['diplomacy', 'us-russia-relations']);
  });

  it('shows the raw event log to auditors and editors only', async () => {
    const res = await get(`/articles/${s.id}/events`);
    expect(res.body.items).toHaveLength(8);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items[0]).toMatchObject({
      revision: 1,
      type: 'ArticleCreated',
      position: expect.any(Number),
      metadata: { actor: 'rita' },
    });
    expectProblem(await get(`/articles/${s.id}/events`, s.reporter), 403);
  });

  it('publishes the notice in the corrections feed', async () => {
    const res = await get('/corrections');
    expect(res.body.items).toEqual([
      {
        articleId: s.id,
        revision: 8,
        headline: 'Biden and Putin end Geneva summit',
        kind: 'correction',
        text: 'An earlier version of this article said the meeting lasted more than four hours.',
        recordedAt: expect.any(String),
      },
    ]);
  });

  it('lists articles by status and category', async () => {
    const published = await get('/articles?status=published&category=diplomacy');
    expect(published.body.items.map((a: { id: string }) => a.id)).toEqual([s.id]);
    expect((await get('/articles?status=draft')).body.items).toEqual([]);
    expect((await get('/articles?category=sports')).body.items).toEqual([]);
  });

  it('restores revision 2 as a new revision, keeping status and notices', async () => {
    const res = await t
      .http()
      .post(`/articles/${s.id}/restorations`)
      .set('Authorization', `Bearer ${s.editor}`)
      .send({ revision: 2, reason: 'Back to the wire copy' });
    expect(res.status).toBe(200);
    const atTwo = (await get(`/articles/${s.id}?revision=2`)).body;
    expect(res.body).toMatchObject({
      revision: 9,
      status: 'published',
      headline: atTwo.headline,
      blocks: atTwo.blocks,
      categories: atTwo.categories,
    });
    expect(res.body.corrections).toHaveLength(1);
    const history = (await get(`/articles/${s.id}/revisions`)).body.items;
    expect(history[8]).toMatchObject({ revision: 9, type: 'ArticleRestored', summary: 'Restored to revision 2' });
  });

  it('reverts one change and keeps the later ones; a conflicting revert gets 409 naming the revision', async () => {
    const revert = (revision: number) =>
      t.http().post(`/articles/${s.id}/reverts`).set('Authorization', `Bearer ${s.editor}`).send({ revision, reason: 'Undo' });
    // After the restore (9) the text of revision 3 was changed again by revision 9: conflict.
    const conflict = await revert(3);
    expectProblem(conflict, 409);
    expect(conflict.body.detail).toContain('9');
    const tagged = await t
      .http()
      .post(`/articles/${s.id}/categories`)
      .set('Authorization', `Bearer ${s.editor}`)
      .send({ label: 'Geneva' });
    const headline = await t
      .http()
      .put(`/articles/${s.id}/headline`)
      .set('Authorization', `Bearer ${s.editor}`)
      .send({ headline: 'Geneva summit ends', reason: 'Shorter' });
    const res = await revert(tagged.body.revision);
    expect(res.status).toBe(200);
    expect(res.body.categories.map((c: { slug: string }) => c.slug)).not.toContain('geneva');
    expect(res.body.headline).toBe(headline.body.headline);
  });
});
