import { GENEVA_SUMMIT } from '../support/sample-story';
import { createTestApp, type TestApp } from '../support/test-app';

describe('the sample story, corrected through the API', () => {
  let t: TestApp;
  let reporter: string;
  let editor: string;
  let id: string;

  beforeAll(async () => {
    t = await createTestApp();
    reporter = await t.token('rita', 'reporter');
    editor = await t.token('eddie', 'editor');
  });
  afterAll(() => t.close());

  it('imports the story as text: 13 blocks, no headline, no categories', async () => {
    const res = await t
      .http()
      .post('/articles')
      .set('Authorization', `Bearer ${reporter}`)
      .set('Content-Type', 'text/plain')
      .send(GENEVA_SUMMIT);
    expect(res.status).toBe(201);
    id = res.body.id;
    expect(res.headers.location).toBe(`/articles/${id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({ revision: 1, status: 'draft', headline: null, categories: [], corrections: [] });
    expect(res.body.blocks).toHaveLength(13);
    expect(res.body.blocks.filter((b: { type: string }) => b.type === 'subheading')).toHaveLength(1);
    expect(res.body.blocks.map((b: { text: string }) => b.text).join('\n\n')).toBe(
      GENEVA_SUMMIT.replace(/\n\nCategorized in:$/, ''),
    );
  });

  it('sets the headline', async () => {
    const res = await t
      .http()
      .put(`/articles/${id}/headline`)
      .set('Authorization', `Bearer ${reporter}`)
      .send({ headline: 'Biden and Putin end Geneva summit', reason: 'Headline for publication' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ revision: 2, headline: 'Biden and Putin end Geneva summit' });
  });

  it('fixes the attribution typed with a straight apostrophe', async () => {
    const res = await t.http().post(`/articles/${id}/attribution-fixes`).set('Authorization', `Bearer ${reporter}`).send({
      find: "Citizen Free Press's Matthew Chance",
      replace: "CNN's Matthew Chance",
      reason: 'The question came from CNN',
    });
    expect(res.status).toBe(200);
    expect(res.body.revision).toBe(3);
    const text = res.body.blocks.map((b: { text: string }) => b.text).join('\n');
    expect(text).toContain("question from CNN's Matthew Chance.");
    expect(text).not.toContain('Citizen Free Press');
  });

  it('corrects the mistranslation', async () => {
    const res = await t.http().post(`/articles/${id}/text-corrections`).set('Authorization', `Bearer ${reporter}`).send({
      find: 'a La Casa official said. White.',
      replace: 'a White House official said.',
      reason: 'Mistranslated from Spanish',
    });
    expect(res.status).toBe(200);
    expect(res.body.revision).toBe(4);
    expect(res.body.blocks[4].text.endsWith('a White House official said.')).toBe(true);
  });

  it('adds categories, the second time changing nothing', async () => {
    const add = (label: string, code?: string) =>
      t.http().post(`/articles/${id}/categories`).set('Authorization', `Bearer ${reporter}`).send({ label, code });
    expect((await add('Diplomacy', 'medtop:20000639')).body.revision).toBe(5);
    const second = await add('US–Russia Relations');
    expect(second.body.revision).toBe(6);
    expect(second.body.categories).toEqual([
      { slug: 'diplomacy', label: 'Diplomacy', code: 'medtop:20000639' },
      { slug: 'us-russia-relations', label: 'US–Russia Relations' },
    ]);
    const again = await add('Diplomacy');
    expect(again.status).toBe(200);
    expect(again.body.revision).toBe(6);
    expect(await t.log.count()).toBe(6);
  });

  it('is published by an editor, not by a reporter', async () => {
    const byReporter = await t.http().post(`/articles/${id}/publication`).set('Authorization', `Bearer ${reporter}`).send({});
    expect(byReporter.status).toBe(403);
    const res = await t
      .http()
      .post(`/articles/${id}/publication`)
      .set('Authorization', `Bearer ${editor}`)
      .send({ reason: 'Ready' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ revision: 7, status: 'published' });
    expect(res.body.publishedAt).toEqual(expect.any(String));
  });

  it('takes a further correction on the published story with a public notice', async () => {
    const byReporter = await t
      .http()
      .post(`/articles/${id}/text-corrections`)
      .set('Authorization', `Bearer ${reporter}`)
      .send({ find: 'four hours', replace: 'three hours', reason: 'Timing' });
    expect(byReporter.status).toBe(403);
    const res = await t.http().post(`/articles/${id}/text-corrections`).set('Authorization', `Bearer ${editor}`).send({
      find: 'more than four hours',
      replace: 'nearly four hours',
      reason: 'The meeting ran under four hours',
      notice: 'An earlier version of this article said the meeting lasted more than four hours.',
    });
    expect(res.status).toBe(200);
    expect(res.body.revision).toBe(8);
    expect(res.body.corrections).toEqual([
      {
        revision: 8,
        kind: 'correction',
        recordedAt: expect.any(String),
        text: 'An earlier version of this article said the meeting lasted more than four hours.',
      },
    ]);
  });

  it('recorded one event per revision, contiguous, each with actor and reason', async () => {
    const events = await t.log.stream(id);
    expect(events.map((e) => e.revision)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(events.map((e) => e.type)).toEqual([
      'ArticleCreated',
      'HeadlineChanged',
      'AttributionFixed',
      'TextCorrected',
      'CategoryAdded',
      'CategoryAdded',
      'ArticlePublished',
      'TextCorrected',
    ]);
    expect(events.map((e) => e.metadata.actor)).toEqual(['rita', 'rita', 'rita', 'rita', 'rita', 'rita', 'eddie', 'eddie']);
    for (const event of events.slice(1, 4)) expect(event.metadata.reason).toEqual(expect.any(String));
    for (const event of events) expect(event.metadata.correlationId).toEqual(expect.any(String));
    expect(events[2].data).toMatchObject({ found: 'Citizen Free Press’s Matthew Chance', replacement: "CNN's Matthew Chance" });
  });
});
