import { Client } from 'pg';
import { LIST } from '../../apps/newsroom-api/src/articles/queries/article-listing';
import { createTestApp, type TestApp } from '../support/test-app';

/** GET /articles?q=: the Stories screen's search, on a real database and its trigram index. */
describe('headline search', () => {
  let t: TestApp;
  let editor: string;
  const ids = new Map<string, string>();
  const HEADLINES = [
    'Genève: CNN’s question to Putin',
    'Biden–Putin summit ends early',
    'Markets rise 50% after the summit',
    'Markets rise 5 points',
    'Election_night results',
  ];

  const search = (query: string) =>
    t
      .http()
      .get(`/articles?${query}`)
      .set('Authorization', `Bearer ${editor}`)
      .then((res) => {
        expect(res.status).toBe(200);
        return res.body as { items: { headline: string }[]; nextCursor: string | null };
      });
  const headlinesFound = async (q: string) =>
    (await search(`q=${encodeURIComponent(q)}&limit=100`)).items.map((a) => a.headline).sort();

  beforeAll(async () => {
    t = await createTestApp();
    editor = await t.token('eddie', 'editor');
    for (const headline of HEADLINES) {
      const res = await t.http().post('/articles').set('Authorization', `Bearer ${editor}`).send({ headline, body: 'A story.' });
      expect(res.status).toBe(201);
      ids.set(headline, res.body.id);
    }
    // One without a headline: it never matches.
    await t.http().post('/articles').set('Authorization', `Bearer ${editor}`).send({ headline: null, body: 'summit' });
  });
  afterAll(() => t.close());

  it('matches every word anywhere in the headline, whatever the case, accents and quotes', async () => {
    expect(await headlinesFound('SUMMIT')).toEqual(['Biden–Putin summit ends early', 'Markets rise 50% after the summit']);
    expect(await headlinesFound("cnn's geneve")).toEqual(['Genève: CNN’s question to Putin']);
    expect(await headlinesFound('putin  summit')).toEqual(['Biden–Putin summit ends early']);
    expect(await headlinesFound('summ')).toHaveLength(2);
    expect(await headlinesFound('summit moscow')).toEqual([]);
  });

  it('takes %, _ and \\ as themselves', async () => {
    expect(await headlinesFound('50%')).toEqual(['Markets rise 50% after the summit']);
    expect(await headlinesFound('5%')).toEqual([]);
    expect(await headlinesFound('n_night')).toEqual(['Election_night results']);
    expect(await headlinesFound('on_n')).toEqual(['Election_night results']);
    expect(await headlinesFound('e_n')).toEqual([]);
    expect(await headlinesFound('\\')).toEqual([]);
  });

  it('pages its results with the cursor and combines with the other filters', async () => {
    const first = await search('q=markets&limit=1');
    expect(first.items).toHaveLength(1);
    const second = await search(`q=markets&limit=1&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect([first.items[0].headline, second.items[0].headline].sort()).toEqual([
      'Markets rise 5 points',
      'Markets rise 50% after the summit',
    ]);

    const publish = await t
      .http()
      .post(`/articles/${ids.get('Markets rise 5 points')}/publication`)
      .set('Authorization', `Bearer ${editor}`)
      .set('If-Match', '"1"')
      .send({ reason: 'Ready' });
    expect(publish.status).toBe(200);
    expect((await search('q=markets&status=published')).items.map((a) => a.headline)).toEqual(['Markets rise 5 points']);
  });

  it('refuses a blank search with a 400 that names q', async () => {
    const res = await t.http().get('/articles?q=%20%20').set('Authorization', `Bearer ${editor}`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'q' })]);
  });

  it('is served by the trigram index on the folded headline', async () => {
    const client = new Client({ connectionString: t.database.url });
    await client.connect();
    try {
      await client.query('SET enable_seqscan = off');
      // The listing's own statement, planned with a search as the API sends it.
      const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${LIST}`, [
        null,
        null,
        null,
        null,
        21,
        'summit',
        ['summit'],
      ]);
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('article_terms_headline_idx');
    } finally {
      await client.end();
    }
  });
});
