import { Pool } from 'pg';
import { spawnOperatorScript } from '../support/operator-script';
import { expectProblem } from '../support/articles-api';
import { runSampleScenario, type Scenario } from '../support/sample-scenario';
import { createTestApp, type TestApp } from '../support/test-app';

const NAME = 'Matthew Chance';
const AUTHORITY = 'High Court of Justice, injunction HC-2026-117';

/**
 * Issue 14 §2 through the API, on the sample story: the name corrected ("Citizen Free Press's
 * Matthew Chance" → "CNN's Matthew Chance", then away, with a notice that names him) is redacted
 * by the legal role, and is then gone from every read, while the chain still verifies.
 */
describe('legal redaction: POST /articles/{id}/redactions', () => {
  let t: TestApp;
  let s: Scenario;
  let legal: string;
  let auditor: string;
  let pool: Pool;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const revisions = async () => (await t.log.stream(s.id)).length;
  const redact = (body: Record<string, unknown>, token = legal, id = s.id) =>
    t.http().post(`/articles/${id}/redactions`).set(as(token)).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    s = await runSampleScenario(t);
    legal = await t.token('lena', 'legal');
    auditor = await t.token('audrey', 'auditor');
    pool = new Pool({ connectionString: t.database.url, max: 2 });
    // Revision 9: the name leaves the text, and a public notice names him.
    const res = await t
      .http()
      .post(`/articles/${s.id}/text-corrections`)
      .set(as(s.editor))
      .send({
        find: "CNN's Matthew Chance",
        replace: 'a CNN correspondent',
        reason: `Do not name ${NAME}`,
        notice: `An earlier version of this article attributed the question to Citizen Free Press’s ${NAME}.`,
      });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body.blocks)).not.toContain(NAME);
    // An answer kept whole, as idempotency records were written before answers became references.
    const first = (await t.http().get(`/articles/${s.id}?revision=3`).set(as(s.editor))).body;
    await pool.query(
      `INSERT INTO idempotency_records (actor, key, request_hash, status, body) VALUES ('eddie', 'old-fix', 'x', 200, $1)`,
      [JSON.stringify(first)],
    );
  });
  afterAll(async () => {
    await pool?.end();
    await t?.close();
  });

  /** Every read that shows the article's text, now or in the past, as one string per read. */
  async function everyRead(id: string, token: string): Promise<Map<string, string>> {
    const reads = new Map<string, string>();
    const get = async (path: string, accept?: string) => {
      let call = t.http().get(path).set(as(token));
      if (accept) call = call.set('Accept', accept);
      const res = await call;
      expect({ path, accept, status: res.status }).toEqual({ path, accept, status: 200 });
      reads.set(`${path} ${accept ?? ''}`, res.text);
      return res;
    };
    const current = await get(`/articles/${id}`);
    const latest = current.body.revision as number;
    await get(`/articles/${id}`, 'application/ninjs+json');
    await get(`/articles/${id}`, 'application/ld+json');
    const history = await get(`/articles/${id}/revisions?limit=100`);
    for (let n = 1; n <= latest; n++) {
      await get(`/articles/${id}/revisions/${n}`);
      await get(`/articles/${id}?revision=${n}`);
      await get(`/articles/${id}/ninjs?revision=${n}`);
      await get(`/articles/${id}/jsonld?revision=${n}`);
      await get(`/articles/${id}?asOf=${encodeURIComponent(history.body.items[n - 1].recordedAt)}`);
      if (n > 1) await get(`/articles/${id}/diff?from=${n - 1}&to=${n}`);
    }
    await get(`/articles/${id}/diff?from=1&to=${latest}`);
    await get(`/articles/${id}/events?limit=1000`);
    await get('/corrections?limit=100');
    await get('/corrections.atom');
    await get('/corrections', 'application/atom+xml');
    await get('/articles?limit=100');
    await get(`/articles?q=${encodeURIComponent('Biden Putin')}`);
    return reads;
  }

  it('refuses editors, reporters and auditors (403), and appends nothing', async () => {
    for (const token of [s.editor, s.reporter, auditor]) {
      expectProblem(await redact({ text: NAME, reason: 'Court order', authority: AUTHORITY }, token), 403);
    }
    expect(await revisions()).toBe(9);
  });

  it.each([
    ['a passage in no revision', { text: 'Boris Johnson' }, 'passage-not-found'],
    ['a blank passage', { text: ' ' }, 'validation-failed'],
    ['part of the marker', { text: 'redact' }, 'invalid-passage'],
    ['the passage in the reason', { text: NAME, reason: `${NAME}'s lawyers asked` }, 'passage-in-redaction'],
    ['the passage in the authority', { text: NAME, authority: `Chance v. Newsroom (${NAME})` }, 'passage-in-redaction'],
    ['a range beyond its block', { blockId: 'b1', range: { start: 10, end: 5000 } }, 'invalid-passage'],
    ['an unknown block', { blockId: 'b99', range: { start: 0, end: 3 } }, 'block-not-found'],
    ['a text and a range', { text: NAME, blockId: 'b1', range: { start: 0, end: 3 } }, 'invalid-passage'],
  ])('refuses %s, appending and rewriting nothing', async (_case, body, type) => {
    const before = await revisions();
    const res = await redact({ reason: 'Court order', authority: AUTHORITY, ...body });
    expectProblem(res, type === 'validation-failed' ? 400 : 422);
    expect(res.body.type).toBe(`/problems/${type}`);
    expect(await revisions()).toBe(before);
  });

  it('refuses a stale If-Match with 412: a redaction never merges', async () => {
    const res = await t
      .http()
      .post(`/articles/${s.id}/redactions`)
      .set(as(legal))
      .set('If-Match', '"8"')
      .send({ text: NAME, reason: 'Court order', authority: AUTHORITY });
    expectProblem(res, 412);
    expect(res.body.currentRevision).toBe(9);
  });

  it('redacts the name from every revision, answering the new revision and the revisions rewritten', async () => {
    const before = await everyRead(s.id, auditor);
    expect([...before.values()].filter((text) => text.includes(NAME)).length).toBeGreaterThan(20);

    const res = await t
      .http()
      .post(`/articles/${s.id}/redactions`)
      .set(as(legal))
      .set('If-Match', '"9"')
      .set('Idempotency-Key', 'injunction-117')
      .send({ text: NAME, reason: 'Court order', authority: AUTHORITY });
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"10"');
    expect(res.body.redactedRevisions).toEqual([1, 3, 9]);
    expect(res.body.article).toMatchObject({ revision: 10, status: 'published' });
    expect(res.body.article.corrections[1].text).toBe(
      'An earlier version of this article attributed the question to Citizen Free Press’s [redacted].',
    );

    const replay = await t
      .http()
      .post(`/articles/${s.id}/redactions`)
      .set(as(legal))
      .set('Idempotency-Key', 'injunction-117')
      .send({ text: NAME, reason: 'Court order', authority: AUTHORITY });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(res.body);
  });

  it('leaves the name in no read: current, past revisions, exports, history, diffs, events, feeds, listings', async () => {
    const reads = await everyRead(s.id, auditor);
    const leaking = [...reads].filter(([, text]) => text.includes(NAME)).map(([read]) => read);
    expect({ reads: reads.size, leaking }).toEqual({ reads: 70, leaking: [] });
    expect(reads.get(`/articles/${s.id}/revisions/3 `)).toContain('Citizen Free Press’s [redacted]');
    const history = JSON.parse(reads.get(`/articles/${s.id}/revisions?limit=100 `) as string);
    expect(history.items.map((entry: { summary: string }) => entry.summary)).toEqual(
      expect.arrayContaining([
        "Attribution fixed: “Citizen Free Press’s [redacted]” → “CNN's [redacted]”",
        `Passage redacted from revisions 1, 3 and 9 (authority: “${AUTHORITY}”)`,
      ]),
    );
    expect(history.items[9]).toMatchObject({ revision: 10, type: 'PassageRedacted', actor: 'lena', reason: 'Court order' });
    expect(history.items[8].reason).toBe('Do not name [redacted]');
  });

  it('leaves the name in no stored row of the log, of any read model, or of an answer kept whole', async () => {
    const { rows: kept } = await pool.query<{ body: string }>(`SELECT body FROM idempotency_records WHERE key = 'old-fix'`);
    expect(JSON.parse(kept[0].body).blocks[8].text).toContain("question from CNN's [redacted].");
    const { rows } = await pool.query<{ found: number }>(
      `SELECT (SELECT count(*) FROM events WHERE data::text LIKE $1 OR metadata::text LIKE $1)
            + (SELECT count(*) FROM articles WHERE document::text LIKE $1 OR blocks::text LIKE $1)
            + (SELECT count(*) FROM article_revisions WHERE summary LIKE $1 OR snapshot::text LIKE $1 OR reason LIKE $1)
            + (SELECT count(*) FROM article_terms WHERE headline LIKE $1)
            + (SELECT count(*) FROM corrections WHERE text LIKE $1 OR headline LIKE $1)
            + (SELECT count(*) FROM idempotency_records WHERE body LIKE $1) AS found`,
      [`%${NAME}%`],
    );
    expect(Number(rows[0].found)).toBe(0);
  });

  it('is final: it cannot be reverted, restored to, or redacted', async () => {
    const revert = await t.http().post(`/articles/${s.id}/reverts`).set(as(s.editor)).send({ revision: 10, reason: 'Undo' });
    expectProblem(revert, 422);
    expect(revert.body).toMatchObject({ type: '/problems/not-revertible', revision: 10, eventType: 'PassageRedacted' });
    const restore = await t
      .http()
      .post(`/articles/${s.id}/restorations`)
      .set(as(s.editor))
      .send({ revision: 10, reason: 'Back' });
    expectProblem(restore, 422);
    expect(restore.body).toMatchObject({ type: '/problems/not-revertible', revision: 10 });
    // Its authority names the High Court: redacting that would have to rewrite the record.
    const again = await redact({ text: 'High Court', reason: 'Settlement', authority: 'Settlement 2026-3' });
    expectProblem(again, 422);
    expect(again.body).toMatchObject({ type: '/problems/passage-in-redaction', revision: 10 });
    expect(await revisions()).toBe(10);
    // The redacted edits themselves can still be undone, with the marker in place of the name.
    const undone = await t.http().post(`/articles/${s.id}/reverts`).set(as(s.editor)).send({ revision: 9, reason: 'Undo' });
    expect(undone.status).toBe(200);
    expect(undone.body.blocks[8].text).toContain('CNN’s [redacted]'.replace('’', "'"));
  });

  it('is listed by the audit, which verifies, as does npm run audit:verify', async () => {
    for (const token of [auditor, legal, s.editor]) {
      const res = await t.http().get(`/articles/${s.id}/audit`).set(as(token));
      expect(res.body).toMatchObject({
        verified: true,
        redactions: [{ revision: 10, actor: 'lena', reason: 'Court order', authority: AUTHORITY, redactedRevisions: [1, 3, 9] }],
      });
    }
    expect((await t.http().get(`/articles/${s.id}/events`).set(as(legal))).status).toBe(200);
    const script = spawnOperatorScript('scripts/audit-verify.ts', t.database.url);
    const code = await new Promise<number | null>((resolve) => script.child.on('exit', resolve));
    expect({ code, output: script.output() }).toEqual({
      code: 0,
      output: expect.stringContaining(`REDACTED article-${s.id}: revisions 1, 3, 9 by lena at `),
    });
    expect(script.output()).toContain(`under "${AUTHORITY}" (record: revision 10)`);
  });

  it('redacts a passage named by block and range, and still catches a byte changed afterwards at its revision', async () => {
    const current = (await t.http().get(`/articles/${s.id}`).set(as(auditor))).body;
    const b1 = current.blocks[0].text as string;
    const start = b1.indexOf('Joe Biden');
    const res = await redact({
      blockId: 'b1',
      range: { start, end: start + 'Joe Biden'.length },
      reason: 'Settlement',
      authority: 'Settlement 2026-3',
    });
    expect(res.status).toBe(200);
    expect(res.body.article.blocks[0].text).toContain('US President [redacted] and');
    // Created with it, corrected in its block (the edit keeps the block's text), and reverted (the content kept whole).
    expect(res.body.redactedRevisions).toEqual([1, 8, 11]);
    const superuser = await pool.connect();
    try {
      await superuser.query('ALTER TABLE events DISABLE TRIGGER events_are_immutable');
      await superuser.query(
        `UPDATE events SET data = jsonb_set(data, '{replacement}', '"Fox"') WHERE stream_id = $1 AND revision = 3`,
        [`article-${s.id}`],
      );
      await superuser.query('ALTER TABLE events ENABLE TRIGGER events_are_immutable');
    } finally {
      superuser.release();
    }
    const audit = await t.http().get(`/articles/${s.id}/audit`).set(as(auditor));
    expect(audit.body).toMatchObject({ verified: false, brokenAt: 3 });
    expect(audit.body.redactions.map((r: { revision: number }) => r.revision)).toEqual([10, 12]);
  });
});
