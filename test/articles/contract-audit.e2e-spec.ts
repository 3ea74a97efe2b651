import { createSampleArticle, expectProblem } from '../support/articles-api';
import { encodeCursor } from '../../apps/newsroom-api/src/articles/queries/cursor';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Places where the API answered otherwise than API.md (or than a careful client expects), each
 * pinned by the request that showed it.
 */
describe('contract audit', () => {
  let t: TestApp;
  let editor: string;
  let id: string;
  let before: number;

  beforeAll(async () => {
    t = await createTestApp();
    editor = await t.token('eddie', 'editor');
    id = await createSampleArticle(t, editor);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    before = await t.log.count();
  });

  const get = (path: string) => t.http().get(path).set('Authorization', `Bearer ${editor}`);

  describe('article ids', () => {
    // API.md: 400 is for "ids that are not UUIDs"; 404 for an "unknown article".
    it.each([
      ['version 1', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'],
      ['version 7', '01890a5d-ac96-774b-bcce-b302099a8057'],
      ['the nil UUID', '00000000-0000-0000-0000-000000000000'],
    ])('a UUID of %s is an unknown article (404), not a malformed id', async (_name, uuid) => {
      const read = await get(`/articles/${uuid}`);
      expectProblem(read, 404);
      expect(read.body.type).toBe('/problems/article-not-found');
      expectProblem(await get(`/articles/${uuid}/revisions`), 404);
      const command = await t
        .http()
        .post(`/articles/${uuid}/categories`)
        .set('Authorization', `Bearer ${editor}`)
        .send({ label: 'Diplomacy' });
      expectProblem(command, 404);
      expect(await t.log.count()).toBe(before);
    });

    // API.md: validation failures carry errors: [{ field, message }]; a bad id is one like a bad `n`.
    it('a malformed id is a validation failure like any other, naming the id in errors[]', async () => {
      const bad = await get('/articles/not-a-uuid');
      expectProblem(bad, 400);
      const badRevision = await get(`/articles/${id}/revisions/x`);
      expect(bad.body).toMatchObject({ type: badRevision.body.type, title: badRevision.body.title });
      expect(bad.body.errors).toEqual([{ field: 'id', message: expect.any(String) }]);
    });
  });

  describe('cursors', () => {
    // API.md: "never a 500 for bad input"; a cursor is a query parameter (400).
    it.each([
      ['a day its month does not have', '2021-02-30T00:00:00.000Z'],
      ['year 0, which PostgreSQL does not have', '0000-01-01T00:00:00.000Z'],
    ])('a forged cursor naming %s is a 400 on every list', async (_name, time) => {
      const list = await get(`/articles?cursor=${encodeCursor([time, id])}`);
      expectProblem(list, 400);
      expect(list.body.errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
      expectProblem(await get(`/corrections?cursor=${encodeCursor([time, 1])}`), 400);
    });

    it('a cursor the API handed out still pages', async () => {
      const other = await createSampleArticle(t, editor);
      const first = await get('/articles?limit=1');
      expect(first.body.items.map((a: { id: string }) => a.id)).toEqual([other]);
      const second = await get(`/articles?limit=1&cursor=${first.body.nextCursor}`);
      expect(second.status).toBe(200);
      expect(second.body.items.map((a: { id: string }) => a.id)).toEqual([id]);
    });
  });

  describe('whole numbers in the query', () => {
    // API.md: bad query parameters are a 400; the path's `n` already refuses "1e0" for 1.
    it.each(['0x1', '1e0', '1.0', '+1', '%201'])('%s is a 400 in the query, as it is in the path', async (value) => {
      expectProblem(await get(`/articles/${id}?revision=${value}`), 400);
      expectProblem(await get(`/articles/${id}/revisions/${value}`), 400);
      expectProblem(await get(`/articles/${id}/diff?from=${value}&to=1`), 400);
      expectProblem(await get(`/articles?limit=${value}`), 400);
    });

    it('plain decimal numbers are taken', async () => {
      expect((await get(`/articles/${id}?revision=1`)).headers.etag).toBe('"1"');
      expect((await get(`/articles/${id}/diff?from=1&to=1`)).status).toBe(200);
      expect((await get(`/corrections?limit=5`)).status).toBe(200);
    });
  });

  describe('the OpenAPI document', () => {
    // The document is where the contract's silences are written down: its defaults must be the served ones.
    it('states the page size GET /articles/{id}/revisions really uses without ?limit', async () => {
      const docs = await t.http().get('/docs-json');
      const parameters = docs.body.paths['/articles/{id}/revisions'].get.parameters as Array<{
        name: string;
        schema: { default?: number };
      }>;
      const documented = parameters.find((p) => p.name === 'limit')?.schema.default;
      expect(documented).toEqual(expect.any(Number));
      const article = await createSampleArticle(t, editor);
      for (let i = 1; i <= (documented as number); i++) {
        const res = await t
          .http()
          .post(`/articles/${article}/categories`)
          .set('Authorization', `Bearer ${editor}`)
          .send({ label: `Topic ${i}` });
        expect(res.status).toBe(200);
      }
      const page = await get(`/articles/${article}/revisions`);
      expect(page.body.items).toHaveLength(documented as number);
      expect(page.body.nextCursor).toEqual(expect.any(String));
      // The history's own default changes nothing else about ?limit.
      expect(parameters.filter((p) => p.name === 'limit')).toHaveLength(1);
      expectProblem(await get(`/articles/${article}/revisions?limit=101`), 400);
      expectProblem(await get(`/articles/${article}/revisions?limit=1e1`), 400);
      expect((await get(`/articles/${article}/revisions?limit=100`)).body.items).toHaveLength((documented as number) + 1);
    });
  });

  describe('the OpenAPI document of errors', () => {
    // API.md: "Every error is application/problem+json"; a client generated from the document
    // must not expect application/json there.
    it('describes every problem answer as application/problem+json', async () => {
      const docs = await t.http().get('/docs-json');
      const operations = Object.values(docs.body.paths as Record<string, Record<string, { responses: object }>>).flatMap(
        (methods) => Object.values(methods),
      );
      // /health answers its report, also with 503 (API.md's table): a status document, not a refusal.
      const problems = operations.flatMap((operation) =>
        Object.entries(operation.responses as Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>)
          .filter(([status, response]) => Number(status) >= 400 && response.content !== undefined)
          .filter(([, response]) => response.content?.['application/json']?.schema.$ref !== '#/components/schemas/Health')
          .map(([, response]) => Object.keys(response.content ?? {})),
      );
      expect(problems.length).toBeGreaterThan(20);
      for (const types of problems) expect(types).toEqual(['application/problem+json']);
    });
  });

  describe('the bearer scheme', () => {
    // RFC 9110 §11.1: the authentication scheme is case-insensitive; clients do send "bearer".
    it('takes the scheme in any case', async () => {
      const res = await t.http().get(`/articles/${id}`).set('Authorization', `bearer ${editor}`);
      expect(res.status).toBe(200);
      expect(res.body.id).toBe(id);
      expect((await t.http().get(`/articles/${id}`).set('Authorization', `BEARER ${editor}`)).status).toBe(200);
      expectProblem(await t.http().get(`/articles/${id}`).set('Authorization', `Basic ${editor}`), 401);
    });
  });
});
