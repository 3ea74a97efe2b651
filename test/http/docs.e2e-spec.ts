import { createTestApp, type TestApp } from '../support/test-app';

/** The OpenAPI document covers the whole contract of API.md and needs no token. */
describe('GET /docs-json and /docs', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ runFollowers: false });
  });
  afterAll(() => t.close());

  it('documents every endpoint of the contract', async () => {
    const res = await t.http().get('/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const operations = Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'POST /articles',
        'GET /articles',
        'GET /articles/{id}',
        'PUT /articles/{id}/headline',
        'POST /articles/{id}/attribution-fixes',
        'POST /articles/{id}/text-corrections',
        'POST /articles/{id}/categories',
        'DELETE /articles/{id}/categories/{slug}',
        'POST /articles/{id}/publication',
        'DELETE /articles/{id}/publication',
        'POST /articles/{id}/restorations',
        'POST /articles/{id}/reverts',
        'GET /articles/{id}/revisions',
        'GET /articles/{id}/revisions/{n}',
        'GET /articles/{id}/diff',
        'GET /articles/{id}/events',
        'GET /corrections',
        'GET /health',
      ]),
    );
    const fix = res.body.paths['/articles/{id}/attribution-fixes'].post.requestBody.content['application/json'];
    expect(fix.examples.chance.value.find).toBe("Citizen Free Press's Matthew Chance");
    expect(fix.schema.required).toEqual(['find', 'replace', 'reason']);
    expect(fix.schema.additionalProperties).toBe(false);
  });

  it('serves Swagger UI without a token', async () => {
    const res = await t.http().get('/docs/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger');
  });

  it('answers /health without a token', async () => {
    const res = await t.http().get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up', projections: { lag: expect.any(Number) } });
  });
});
