import { createServer } from 'node:http';
import request from 'supertest';
import { takeViolations } from './check-every-response';
import { type ReceivedResponse, ResponseChecker } from './response-checker';

/** The checker behind check-every-response.ts finds each way an answer can leave the document. */
describe('ResponseChecker', () => {
  const checker = new ResponseChecker();
  const id = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';
  const json = 'application/json; charset=utf-8';
  const problemJson = 'application/problem+json; charset=utf-8';

  const article = {
    id,
    revision: 2,
    status: 'draft',
    headline: null,
    byline: null,
    dateline: 'GENEVA',
    blocks: [{ id: 'b1', type: 'paragraph', text: 'The summit ended.' }],
    categories: [{ slug: 'diplomacy', label: 'Diplomacy' }],
    corrections: [],
    createdAt: '2026-12-05T10:00:00.000Z',
    updatedAt: '2026-12-05T10:05:00.000Z',
    publishedAt: null,
  };
  const problem = (status: number) => ({ type: '/problems/x', title: 'X', status, detail: 'Why.' });

  function answer(status: number, body: unknown, headers: Record<string, string> = {}): ReceivedResponse {
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    const type = body === undefined ? {} : { 'content-type': json };
    return { status, headers: { ...type, ...headers }, text };
  }

  it('finds nothing wrong with answers the document lists', () => {
    expect(checker.check('GET', `/articles/${id}?revision=2`, answer(200, article, { etag: '"2"' }))).toEqual([]);
    expect(
      checker.check('POST', 'http://127.0.0.1:4000/articles', answer(201, article, { location: `/articles/${id}` })),
    ).toEqual([]);
    const notFound = answer(404, problem(404), { 'content-type': problemJson });
    expect(checker.check('GET', `/articles/${id}/revisions/9`, notFound)).toEqual([]);
    expect(checker.check('GET', '/health', answer(200, { status: 'ok', database: 'up', projections: { lag: 0 } }))).toEqual([]);
  });

  it('reports a status the operation does not list, and any 5xx but 503', () => {
    expect(checker.check('GET', `/articles/${id}/revisions/1`, answer(409, problem(409)))).toEqual([
      'status 409 not listed for getRevision',
    ]);
    expect(checker.check('GET', '/corrections', answer(500, problem(500)))).toEqual(['status 500 is never in the contract']);
  });

  it('reports a content type the answer does not document', () => {
    expect(checker.check('GET', `/articles/${id}`, answer(200, article, { 'content-type': 'text/html' }))).toEqual([
      'content type "text/html", expected application/json or application/ninjs+json or application/ld+json',
    ]);
    expect(checker.check('GET', `/articles/${id}`, answer(404, problem(404)))).toEqual([
      'content type "application/json", expected application/problem+json',
    ]);
  });

  it('reports a body that breaks its schema: a missing field, an unknown one, a wrong type', () => {
    const { revision: _revision, ...withoutRevision } = article;
    expect(checker.check('GET', `/articles/${id}`, answer(200, withoutRevision))).toEqual([
      "body must have required property 'revision'",
    ]);
    expect(checker.check('GET', `/articles/${id}`, answer(200, { ...article, draftNote: 'x' }))).toEqual([
      'body must NOT have additional properties (draftNote)',
    ]);
    expect(
      checker.check('GET', `/articles/${id}`, answer(200, { ...article, blocks: [{ id: 'b1', type: 'quote', text: '' }] })),
    ).toEqual(['body/blocks/0/type must be equal to one of the allowed values']);
    const { detail: _detail, ...withoutDetail } = problem(404);
    expect(checker.check('GET', `/articles/${id}`, answer(404, withoutDetail, { 'content-type': problemJson }))).toEqual([
      "body must have required property 'detail'",
    ]);
    expect(checker.check('GET', `/articles/${id}`, answer(404, problem(400), { 'content-type': problemJson }))).toEqual([
      'problem status 400 in a 404 answer',
    ]);
  });

  it('reports a documented header whose value breaks its schema', () => {
    const replayed = answer(200, article, { 'idempotent-replayed': 'yes' });
    expect(checker.check('POST', `/articles/${id}/publication`, replayed)).toEqual([
      'header Idempotent-Replayed must be equal to one of the allowed values',
    ]);
  });

  it('holds a known path asked with a method it does not take to 405 with Allow, and OPTIONS to 204', () => {
    const refused = (allow?: string) =>
      answer(405, problem(405), { 'content-type': problemJson, ...(allow === undefined ? {} : { allow }) });
    expect(checker.check('PATCH', '/articles', refused('GET, HEAD, POST, OPTIONS'))).toEqual([]);
    expect(checker.check('PATCH', '/articles', refused())).toEqual(['Allow "", expected the methods POST, GET, HEAD, OPTIONS']);
    expect(checker.check('PATCH', '/articles', answer(404, problem(404), { 'content-type': problemJson }))).toEqual([
      '/articles takes no PATCH: expected 405, got 404',
    ]);
    expect(checker.check('OPTIONS', `/articles/${id}/categories`, answer(204, undefined, { allow: 'POST, OPTIONS' }))).toEqual(
      [],
    );
  });

  it('holds an unknown path to 404 problem+json, and lets Swagger UI be', () => {
    expect(checker.check('GET', '/nowhere', answer(404, problem(404), { 'content-type': problemJson }))).toEqual([]);
    expect(checker.check('GET', '/nowhere', answer(200, {}))).toEqual(['unknown path: expected 404, got 200']);
    expect(checker.check('GET', '/docs/swagger-ui.css', answer(200, 'body {}', { 'content-type': 'text/css' }))).toEqual([]);
  });

  it('checks only the status of an answer to HEAD', () => {
    expect(checker.check('HEAD', '/health', answer(200, undefined, { 'content-type': json }))).toEqual([]);
    expect(checker.check('HEAD', '/health', answer(404, undefined))).toEqual(['status 404 not listed for health']);
  });
});

describe('check-every-response (the setup file)', () => {
  it('checks every answer supertest receives, asserted or not', async () => {
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    });
    await request(server).get('/health?verbose=1');
    expect(await takeViolations()).toEqual([
      "GET /health?verbose=1 → 200: body must have required property 'database'; body must have required property 'projections'",
    ]);
  });
});
