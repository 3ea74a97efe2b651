import { Client } from 'pg';
import { createSampleArticle } from '../support/articles-api';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * A command that leaves the body alone keeps the article's blocks where they are: the new row
 * version points at the same TOAST chunks, and the transaction writes none
 * (ArticleBlocks1796700000000). One that changes the body writes them anew. Either way a read
 * answers what the command answered.
 */
describe('the article’s blocks, on commands that change them and on those that do not', () => {
  let t: TestApp;
  let db: Client;
  let id: string;
  let reporter: string;
  let editor: string;
  let toast: string;

  beforeAll(async () => {
    t = await createTestApp();
    db = new Client({ connectionString: t.database.url });
    await db.connect();
    reporter = await t.token('rita', 'reporter');
    editor = await t.token('eddie', 'editor');
    id = await createSampleArticle(t, reporter);
    const { rows } = await db.query<{ toast: string }>(
      `SELECT reltoastrelid::regclass::text AS toast FROM pg_class WHERE oid = 'articles'::regclass`,
    );
    toast = rows[0].toast;
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  /** TOAST chunks written by the transaction that wrote the article's row last. */
  async function chunksWrittenWithRow(): Promise<number> {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${toast} WHERE xmin = (SELECT xmin FROM articles WHERE id = $1)`,
      [id],
    );
    return rows[0].n;
  }

  async function command(token: string, method: 'post' | 'put' | 'delete', path: string, body: object): Promise<unknown> {
    const res = await t.http()[method](`/articles/${id}/${path}`).set('Authorization', `Bearer ${token}`).send(body);
    expect(res.status).toBe(200);
    const read = await t.http().get(`/articles/${id}`).set('Authorization', `Bearer ${token}`);
    expect(read.body).toEqual(res.body);
    return res.body;
  }

  it('writes the blocks when the story is created and when its text changes, and only then', async () => {
    expect(await chunksWrittenWithRow()).toBeGreaterThan(0);

    await command(reporter, 'put', 'headline', { headline: 'Biden and Putin end Geneva summit', reason: 'For publication' });
    expect(await chunksWrittenWithRow()).toBe(0);
    await command(reporter, 'post', 'categories', { label: 'Diplomacy', reason: 'Topic' });
    expect(await chunksWrittenWithRow()).toBe(0);
    await command(editor, 'post', 'publication', { reason: 'Ready' });
    expect(await chunksWrittenWithRow()).toBe(0);

    // Once the story is published a reporter's commands are refused (403): the editor's.
    const corrected = await command(editor, 'post', 'text-corrections', {
      find: 'more than four hours',
      replace: 'nearly four hours',
      reason: 'The meeting ran under four hours',
    });
    expect(JSON.stringify(corrected)).toContain('nearly four hours');
    expect(await chunksWrittenWithRow()).toBeGreaterThan(0);

    await command(editor, 'delete', 'categories/diplomacy', { reason: 'Not diplomacy' });
    expect(await chunksWrittenWithRow()).toBe(0);
  });
});
