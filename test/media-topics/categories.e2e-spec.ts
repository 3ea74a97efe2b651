import { randomUUID } from 'node:crypto';
import { operationById } from '../../apps/newsroom-api/src/contract/operations';
import { createSampleArticle, expectProblem } from '../support/articles-api';
import { createTestApp, type TestApp } from '../support/test-app';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const POLITICS_AND_DIPLOMACY = /^medtop:(11000000|20000593|20000610|20000638|20000639|20000640)$/;

/**
 * Issue 13, IPTC Media Topics through the API: look-ups, categories completed from the
 * vocabulary (and refused when a medtop: code is unknown), and suggestions for the sample story,
 * whose "Categorized in:" is empty.
 */
describe('IPTC Media Topics', () => {
  let t: TestApp;
  let editor: string;
  let reporter: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp({ runFollowers: false });
    editor = await t.token('eddie', 'editor');
    reporter = await t.token('rita', 'reporter');
  });
  afterAll(() => t.close());

  const addCategory = (id: string, body: object, token = editor) =>
    t.http().post(`/articles/${id}/categories`).set(as(token)).send(body);

  describe('GET /categories', () => {
    it('answers the documented example', async () => {
      const operation = operationById('listCategories');
      const { search, limit } = operation.query?.properties ?? {};
      const res = await t
        .http()
        .get(`/categories?search=${String(search.example)}&limit=${String(limit.example)}`)
        .set(as(reporter));
      expect(res.status).toBe(200);
      const [example] = Object.values(operation.responses[200].content?.['application/json'].examples ?? {});
      expect(res.body).toEqual(example.value);
    });

    it('looks labels up case- and accent-insensitively, label matches first, to any signed-in role', async () => {
      const auditor = await t.token('ada', 'auditor');
      const res = await t.http().get('/categories?search=%C3%89LECTION&limit=5').set(as(auditor));
      expect(res.status).toBe(200);
      expect(res.body.items[0]).toEqual({
        code: 'medtop:20000574',
        label: 'election',
        definition: expect.stringMatching(/casting of votes/),
        broader: { code: 'medtop:11000000', label: 'politics and government' },
      });
      expect(res.body.items).toHaveLength(5);
      const top = await t.http().get('/categories?limit=50').set(as(auditor));
      expect(top.body.items).toHaveLength(17);
      expect(top.body.items.every((item: Json) => item.broader === null)).toBe(true);
    });

    it('refuses a look-up without a token (401) or with a blank search (400)', async () => {
      expectProblem(await t.http().get('/categories?search=diplomacy'), 401);
      const blank = await t.http().get('/categories?search=%20').set(as(editor));
      expectProblem(blank, 400);
      expect(blank.body.errors).toEqual([expect.objectContaining({ field: 'search' })]);
    });
  });

  describe('POST /articles/{id}/categories', () => {
    it('fills the label of a Media Topic code sent alone, through the typed client with If-Match and Idempotency-Key', async () => {
      const id = await createSampleArticle(t, editor);
      const client = await t.client(editor);
      const { data, response } = await client.POST('/articles/{id}/categories', {
        params: { path: { id } },
        body: { code: 'medtop:20000640', reason: 'Suggested from the story' },
        headers: { 'If-Match': '"1"', 'Idempotency-Key': randomUUID() },
      });
      expect(response.status).toBe(200);
      expect(data?.categories).toEqual([{ slug: 'summit-meeting', label: 'summit meeting', code: 'medtop:20000640' }]);
      // The domain received, and the log keeps, the whole category.
      const [, added] = await t.log.stream(id);
      expect(added).toMatchObject({
        type: 'CategoryAdded',
        data: { category: { slug: 'summit-meeting', label: 'summit meeting', code: 'medtop:20000640' } },
      });
    });

    it('fills the code of a label that is a topic’s, case aside, and keeps free labels as house tags', async () => {
      const id = await createSampleArticle(t, reporter);
      expect((await addCategory(id, { label: 'Diplomacy' }, reporter)).body.categories).toEqual([
        { slug: 'diplomacy', label: 'Diplomacy', code: 'medtop:20000639' },
      ]);
      const house = await addCategory(id, { label: 'Geneva summit 2021' });
      expect(house.body.categories[1]).toEqual({ slug: 'geneva-summit-2021', label: 'Geneva summit 2021' });
      const picks = await addCategory(id, { label: 'Desk picks', code: 'house:picks' });
      expect(picks.body.categories[2]).toEqual({ slug: 'desk-picks', label: 'Desk picks', code: 'house:picks' });
      // The same topic by its code: its label's slug is there already, nothing is appended.
      const again = await addCategory(id, { code: 'medtop:20000639' });
      expect({ status: again.status, revision: again.body.revision }).toEqual({ status: 200, revision: 4 });
    });

    it('refuses an unknown medtop: code with a 422 naming it, appending nothing', async () => {
      const id = await createSampleArticle(t, editor);
      for (const body of [{ code: 'medtop:99999999' }, { label: 'Music theatre', code: 'medtop:20000030' }]) {
        const res = await addCategory(id, body);
        expectProblem(res, 422);
        expect(res.body).toMatchObject({ type: '/problems/unknown-media-topic', code: body.code });
        expect(res.body.detail).toContain(`“${body.code}” is not an active IPTC Media Topic (release of 2025-10-09)`);
      }
      const houseCodeAlone = await addCategory(id, { code: 'house:picks' });
      expectProblem(houseCodeAlone, 422);
      expect(houseCodeAlone.body).toMatchObject({ type: '/problems/category-label-required', code: 'house:picks' });
      expect(await t.log.stream(id)).toHaveLength(1);
    });

    it('refuses a body with neither label nor code (400 naming label)', async () => {
      const id = await createSampleArticle(t, editor);
      for (const body of [{}, { reason: 'Why not' }, { code: null }]) {
        const res = await addCategory(id, body);
        expectProblem(res, 400);
        expect(res.body.errors).toEqual([{ field: 'label', message: 'label is required' }]);
      }
    });

    it('answers each documented example as documented', async () => {
      const id = await createSampleArticle(t, editor);
      const examples = Object.values(operationById('addCategory').body?.content['application/json'].examples ?? {});
      for (const { value } of examples) {
        const res = await addCategory(id, value as object);
        expect({ value, status: res.status }).toEqual({ value, status: 200 });
      }
      const res = await t.http().get(`/articles/${id}`).set(as(editor));
      expect(res.body.categories).toEqual([
        { slug: 'diplomacy', label: 'Diplomacy', code: 'medtop:20000639' },
        { slug: 'summit-meeting', label: 'summit meeting', code: 'medtop:20000640' },
        { slug: 'international-relations', label: 'International relations', code: 'medtop:20000638' },
        { slug: 'geneva-summit-2021', label: 'Geneva summit 2021' },
      ]);
    });
  });

  describe('GET /articles/{id}/category-suggestions', () => {
    it('suggests politics and diplomacy topics for the sample story, each with the words why', async () => {
      const id = await createSampleArticle(t, editor);
      const res = await t.http().get(`/articles/${id}/category-suggestions`).set(as(reporter));
      expect(res.status).toBe(200);
      expect(res.body.revision).toBe(1);
      expect(res.body.items).toHaveLength(5);
      const diplomacy = res.body.items.find((item: Json) => item.code === 'medtop:20000639');
      expect(diplomacy).toEqual({
        code: 'medtop:20000639',
        label: 'diplomacy',
        definition: expect.any(String),
        broader: { code: 'medtop:20000638', label: 'international relations' },
        score: expect.any(Number),
        matched: { label: ['diplomacy', 'diplomatic'], definition: [] },
      });
      expect(res.body.items[0]).toMatchObject({ code: 'medtop:20000640', matched: { label: ['summit', 'meeting'] } });
      expect(res.body.items.filter((item: Json) => POLITICS_AND_DIPLOMACY.test(item.code)).length).toBeGreaterThanOrEqual(3);
      for (const item of res.body.items) expect(item.matched.label.length).toBeGreaterThan(0);
    });

    it('answers the documented example for the sample story, and leaves out a topic once added', async () => {
      const id = await createSampleArticle(t, editor);
      const operation = operationById('suggestCategories');
      const limit = operation.query?.properties.limit.example;
      const res = await t
        .http()
        .get(`/articles/${id}/category-suggestions?limit=${String(limit)}`)
        .set(as(editor));
      const [example] = Object.values(operation.responses[200].content?.['application/json'].examples ?? {});
      expect(res.body).toEqual(example.value);

      await addCategory(id, { code: res.body.items[0].code });
      const after = await t.http().get(`/articles/${id}/category-suggestions?limit=20`).set(as(editor));
      expect(after.body.revision).toBe(2);
      expect(after.body.items.map((item: Json) => item.code)).not.toContain(res.body.items[0].code);
    });

    it('answers 404 for an unknown article and 400 for a limit out of bounds', async () => {
      expectProblem(await t.http().get(`/articles/${randomUUID()}/category-suggestions`).set(as(editor)), 404);
      expectProblem(await t.http().get(`/articles/${randomUUID()}/category-suggestions?limit=21`).set(as(editor)), 400);
    });
  });
});
