import type { Example, Operation } from '../../apps/newsroom-api/src/contract/operation';
import { operationById } from '../../apps/newsroom-api/src/contract/operations';
import { GENEVA_SUMMIT } from '../support/sample-story';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Every request example of the OpenAPI document is sent, on the sample story, and answered as
 * the document says it succeeds; every problem example is the refusal the story really gets.
 */
describe('the documented examples, executed', () => {
  let t: TestApp;
  let editor: string;
  let id: string;

  beforeAll(async () => {
    t = await createTestApp({ runFollowers: false });
    editor = await t.token('eddie', 'editor');
    const imported = await t
      .http()
      .post('/articles')
      .set('Authorization', `Bearer ${editor}`)
      .type('text/plain')
      .send(GENEVA_SUMMIT);
    id = imported.body.id;
  });
  afterAll(() => t.close());

  function examplesOf(operation: Operation, mediaType = 'application/json'): Example[] {
    return Object.values(operation.body?.content[mediaType]?.examples ?? {});
  }

  function successOf(operation: Operation): number {
    return Number(Object.keys(operation.responses).find((status) => Number(status) < 300));
  }

  async function send(operationId: string, params: Record<string, string> = {}) {
    const operation = operationById(operationId);
    const [example] = examplesOf(operation);
    const path = operation.path.replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? id);
    const res = await t
      .http()
      [operation.method](path)
      .set('Authorization', `Bearer ${editor}`)
      .send(example.value as object);
    expect({ operationId, status: res.status, detail: res.body.detail }).toEqual({
      operationId,
      status: successOf(operation),
      detail: undefined,
    });
    return res;
  }

  it('creates an article from each example of POST /articles, JSON and text', async () => {
    const operation = operationById('createArticle');
    for (const mediaType of ['application/json', 'text/plain']) {
      for (const { value } of examplesOf(operation, mediaType)) {
        const res = await t
          .http()
          .post('/articles')
          .set('Authorization', `Bearer ${editor}`)
          .type(mediaType)
          .send(value as string);
        expect(res.status).toBe(201);
        expect(res.body.categories).toEqual([
          { slug: 'diplomacy', label: 'Diplomacy', ...(mediaType === 'text/plain' ? {} : { code: 'medtop:20000639' }) },
        ]);
      }
    }
  });

  it('walks the sample story through every command example, each answered as documented', async () => {
    expect((await send('setHeadline')).body.revision).toBe(2);
    const fixed = await send('fixAttribution');
    expect(fixed.body.blocks[8].text).toContain('CNN’s Matthew Chance');
    expect(fixed.body.corrections).toHaveLength(1);
    expect((await send('correctText')).body.blocks[4].text).toMatch(/a White House official said\.$/);
    expect((await send('addCategory')).body.categories).toEqual([
      { slug: 'diplomacy', label: 'Diplomacy', code: 'medtop:20000639' },
    ]);
    const reverted = await send('revert');
    expect(reverted.body).toMatchObject({ revision: 6, categories: [] });
    expect(reverted.body.blocks[4].text).toMatch(/a White House official said\.$/);
    expect((await send('removeCategory', { slug: 'diplomacy' })).body.revision).toBe(6);
    expect((await send('publish')).body).toMatchObject({ revision: 7, status: 'published' });
    const restored = await send('restore');
    expect(restored.body.revision).toBe(8);
    expect(restored.body.blocks[8].text).toContain('Citizen Free Press’s Matthew Chance');
    expect((await send('withdraw')).body).toMatchObject({ revision: 9, status: 'withdrawn' });
  });

  it('redacts by each example of POST /articles/{id}/redactions, as the legal role, on a fresh sample story', async () => {
    const legal = await t.token('lena', 'legal');
    const story = await t
      .http()
      .post('/articles')
      .set('Authorization', `Bearer ${editor}`)
      .type('text/plain')
      .send(GENEVA_SUMMIT);
    const redacted: unknown[] = [];
    for (const { value } of examplesOf(operationById('redactPassage'))) {
      const res = await t
        .http()
        .post(`/articles/${story.body.id}/redactions`)
        .set('Authorization', `Bearer ${legal}`)
        .send(value as object);
      expect({ status: res.status, detail: res.body.detail }).toEqual({ status: 200, detail: undefined });
      redacted.push(res.body.redactedRevisions);
    }
    expect(redacted).toEqual([[1], [1]]);
    const article = (await t.http().get(`/articles/${story.body.id}`).set('Authorization', `Bearer ${editor}`)).body;
    expect(article.blocks[0].text).toContain('US President [redacted] and Russian');
    expect(article.blocks[8].text).toContain('Citizen Free Press’s [redacted].');
  });

  it('answers the documented query examples', async () => {
    const diff = operationById('diffRevisions').query?.properties ?? {};
    const res = await t
      .http()
      .get(`/articles/${id}/diff?from=${String(diff.from.example)}&to=${String(diff.to.example)}`)
      .set('Authorization', `Bearer ${editor}`);
    expect(res.status).toBe(200);
    expect(res.body.blocks.find((b: { change: string }) => b.change === 'changed').blockId).toBe('b5');
  });

  it('exports the short sample story as the documented ninjs and JSON-LD examples say, ids and times aside', async () => {
    const as = { Authorization: `Bearer ${editor}` };
    const [json] = examplesOf(operationById('createArticle'));
    const created = await t
      .http()
      .post('/articles')
      .set(as)
      .send(json.value as object);
    const at = `/articles/${created.body.id}`;
    await t.http().post(`${at}/publication`).set(as).send({});
    await t.http().post(`${at}/text-corrections`).set(as).send({
      find: 'more than four hours',
      replace: 'nearly four hours',
      reason: 'The meeting ran under four hours',
      notice: 'An earlier version of this article said the meeting lasted more than four hours.',
    });
    await t.http().delete(`${at}/publication`).set(as).send({ reason: 'Legal review pending' });
    const sameStory = (value: unknown, uuid: string) =>
      JSON.parse(
        JSON.stringify(value)
          .replaceAll(uuid, '<id>')
          .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>'),
      );
    for (const [operationId, mediaType] of [
      ['getArticleNinjs', 'application/ninjs+json'],
      ['getArticleJsonLd', 'application/ld+json'],
    ]) {
      const operation = operationById(operationId);
      for (const { value } of Object.values(operation.responses[200].content?.[mediaType].examples ?? {})) {
        const { version } = value as { version: string | number };
        const res = await t
          .http()
          .get(`${at}/${operation.path.split('/').pop()}?revision=${version}`)
          .set(as);
        expect({ operationId, version, status: res.status }).toEqual({ operationId, version, status: 200 });
        expect(sameStory(res.body, created.body.id)).toEqual(sameStory(value, '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed'));
      }
    }
  });

  it('documents each refusal with the problem the sample story really gets', async () => {
    const reporter = await t.token('rita', 'reporter');
    const story = await t
      .http()
      .post('/articles')
      .set('Authorization', `Bearer ${reporter}`)
      .type('text/plain')
      .send(GENEVA_SUMMIT);
    const at = `/articles/${story.body.id}`;
    await t
      .http()
      .put(`${at}/headline`)
      .set('Authorization', `Bearer ${editor}`)
      .send({ headline: 'Geneva', reason: 'Headline' });
    await t.http().post(`${at}/publication`).set('Authorization', `Bearer ${editor}`).send({});
    const as = (token: string) => ({ Authorization: `Bearer ${token}` });
    const refusals: Record<number, () => Promise<{ body: Record<string, unknown> }>> = {
      400: () => t.http().delete(`${at}/publication`).set(as(editor)).send({}),
      401: () => t.http().get(at),
      404: () => t.http().get('/articles/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed').set(as(editor)),
      // Made on revision 1, before the headline was set: a stale edit that cannot merge.
      412: () =>
        t.http().put(`${at}/headline`).set(as(editor)).set('If-Match', '"1"').send({ headline: 'Summit ends', reason: 'z' }),
      415: () => t.http().post(`${at}/categories`).set(as(editor)).set('Content-Type', 'text/xml').send('<label/>'),
      422: () =>
        t.http().post(`${at}/text-corrections`).set(as(editor)).send({ find: 'La Casa officials', replace: 'x', reason: 'y' }),
      403: () => t.http().post(`${at}/text-corrections`).set(as(reporter)).send({ find: 'La Casa', replace: 'x', reason: 'y' }),
    };
    const answered: unknown[] = [];
    const documented: unknown[] = [];
    // A 412 names when the conflicting revision was recorded: times aside, it is the example.
    const timesAside = (value: unknown) =>
      JSON.parse(JSON.stringify(value).replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>'));
    for (const [status, refuse] of Object.entries(refusals)) {
      const examples = operationById('correctText').responses[Number(status)].content?.['application/problem+json'].examples;
      documented.push(timesAside(Object.values(examples ?? {})[0].value));
      answered.push(timesAside((await refuse()).body));
    }
    expect(answered).toEqual(documented);
  });
});
