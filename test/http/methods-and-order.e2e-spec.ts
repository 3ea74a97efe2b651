import { EventLog } from '../support/event-log';
import { createSampleArticle, expectProblem } from '../support/articles-api';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * API.md: a known path called with a method it does not serve answers 405 with `Allow`; a
 * request without valid credentials gets 401 before its body is read.
 */
describe('methods a path does not serve', () => {
  let t: TestApp;
  let id: string;

  beforeAll(async () => {
    t = await createTestApp({ runFollowers: false });
    id = await createSampleArticle(t, await t.token('eddie', 'editor'));
  });
  afterAll(() => t.close());

  it.each([
    ['TRACE', '/health', 'GET, HEAD, OPTIONS'],
    ['PUT', '/corrections', 'GET, HEAD, OPTIONS'],
    ['DELETE', '/articles', 'GET, HEAD, POST, OPTIONS'],
    ['PATCH', '/docs-json', 'GET, HEAD, OPTIONS'],
    ['GET', '/articles/:id/text-corrections', 'POST, OPTIONS'],
    ['POST', '/articles/:id/headline', 'PUT, OPTIONS'],
    ['PUT', '/articles/:id/publication', 'POST, DELETE, OPTIONS'],
  ])('%s %s answers 405 with Allow: %s, even without a token', async (method, template, allow) => {
    const path = template.replace(':id', id);
    const res = await t.http()[method.toLowerCase() as 'get'](path);
    expectProblem(res, 405);
    expect(res.headers.allow).toBe(allow);
    expect(res.body).toMatchObject({ type: '/problems/method-not-allowed', title: 'Method not allowed' });
    expect(res.body.detail).toContain(method);
  });

  it('answers OPTIONS with 204 and Allow', async () => {
    const res = await t.http().options(`/articles/${id}/categories`);
    expect(res.status).toBe(204);
    expect(res.headers.allow).toBe('POST, OPTIONS');
  });

  it('still answers 404 for a path that is not there', async () => {
    const res = await t.http().delete('/no-such-thing');
    expectProblem(res, 404);
    expect(res.headers.allow).toBeUndefined();
  });

  it('still serves the methods a path takes, HEAD as GET', async () => {
    expect((await t.http().head('/health')).status).toBe(200);
  });
});

describe('authentication comes before the body', () => {
  let t: TestApp;
  let id: string;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp({ runFollowers: false });
    token = await t.token('eddie', 'editor');
    id = await createSampleArticle(t, token);
  });
  afterAll(() => t.close());

  const anonymous = [
    ['malformed JSON', 'application/json', '{"find": '],
    ['a body over 1 MiB', 'application/json', JSON.stringify({ reason: 'x'.repeat(1_100_000) })],
    ['a media type no route takes', 'application/xml', '<correction/>'],
    ['a body nested too deep', 'application/json', '['.repeat(40) + ']'.repeat(40)],
  ];

  it.each(anonymous)('an anonymous request with %s gets 401, not a word about its body', async (_what, type, body) => {
    const res = await t.http().post(`/articles/${id}/text-corrections`).set('Content-Type', type).send(body);
    expectProblem(res, 401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it.each(anonymous)('with a bad token too (%s)', async (_what, type, body) => {
    const res = await t
      .http()
      .post(`/articles/${id}/text-corrections`)
      .set('Authorization', 'Bearer not.a.token')
      .set('Content-Type', type)
      .send(body);
    expectProblem(res, 401);
  });

  it('a caller with a valid token hears about the body: 400 for malformed JSON, 413 over 1 MiB, 415', async () => {
    const send = (type: string, body: string) =>
      t
        .http()
        .post(`/articles/${id}/text-corrections`)
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', type)
        .send(body);
    expectProblem(await send('application/json', '{"find": '), 400);
    expectProblem(await send('application/json', JSON.stringify({ reason: 'x'.repeat(1_100_000) })), 413);
    expectProblem(await send('application/xml', '<correction/>'), 415);
    const log = new EventLog(t.database.url);
    try {
      expect(await log.stream(id)).toHaveLength(1);
    } finally {
      await log.close();
    }
  });

  it('a reporter without the role hears 403 before its body is read', async () => {
    const reporter = await t.token('rita', 'reporter');
    const res = await t
      .http()
      .post(`/articles/${id}/publication`)
      .set('Authorization', `Bearer ${reporter}`)
      .set('Content-Type', 'application/json')
      .send('{"reason": ');
    expectProblem(res, 403);
  });
});
