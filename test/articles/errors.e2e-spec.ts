import { SignJWT } from 'jose';
import { createSampleArticle, expectProblem } from '../support/articles-api';
import { createTestApp, type TestApp } from '../support/test-app';

/** Every error status of API.md, each shown to append nothing. */
describe('refused commands', () => {
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
  afterEach(async () => {
    expect(await t.log.count()).toBe(before);
  });

  const post = (path: string) => t.http().post(path).set('Authorization', `Bearer ${editor}`);

  it('400 for malformed JSON', async () => {
    const res = await post(`/articles/${id}/text-corrections`).set('Content-Type', 'application/json').send('{"find": "x",');
    expectProblem(res, 400);
  });

  it('400 with errors[] for missing, ill-typed and unknown fields', async () => {
    const res = await post(`/articles/${id}/text-corrections`).send({ find: 42, replace: 'x', colour: 'red' });
    expectProblem(res, 400);
    const fields = (res.body.errors as Array<{ field: string }>).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['find', 'reason', 'colour']));
  });

  it('400 for an id that is not a UUID and for bad query parameters', async () => {
    expectProblem(await post('/articles/not-a-uuid/text-corrections').send({ find: 'a', replace: 'b', reason: 'r' }), 400);
    expectProblem(await t.http().get('/articles?limit=0').set('Authorization', `Bearer ${editor}`), 400);
    expectProblem(await t.http().get('/articles?colour=red').set('Authorization', `Bearer ${editor}`), 400);
  });

  it('400 for a body that is not an object', async () => {
    expectProblem(await post(`/articles/${id}/text-corrections`).set('Content-Type', 'application/json').send('[1,2]'), 400);
  });

  it('401 without, with a forged, and with an expired token', async () => {
    expectProblem(await t.http().post(`/articles/${id}/publication`).send({}), 401);
    const forged = await new SignJWT({ roles: ['editor'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .sign(new TextEncoder().encode('x'.repeat(40)));
    expectProblem(await t.http().post(`/articles/${id}/publication`).set('Authorization', `Bearer ${forged}`).send({}), 401);
    const expired = await new SignJWT({ roles: ['editor'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('eddie')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode('test-secret-that-is-at-least-32-bytes-long!'));
    expectProblem(await t.http().post(`/articles/${id}/publication`).set('Authorization', `Bearer ${expired}`).send({}), 401);
  });

  it('403 for a role that lacks the right', async () => {
    const auditor = await t.token('audrey', 'auditor');
    expectProblem(
      await t.http().post(`/articles/${id}/categories`).set('Authorization', `Bearer ${auditor}`).send({ label: 'X' }),
      403,
    );
  });

  it('404 for an unknown article and a revision beyond the latest', async () => {
    const unknown = '3b241101-e2bb-4255-8caf-4136c566a962';
    expectProblem(await post(`/articles/${unknown}/text-corrections`).send({ find: 'a', replace: 'b', reason: 'r' }), 404);
    expectProblem(await post(`/articles/${id}/restorations`).send({ revision: 99, reason: 'r' }), 404);
    expectProblem(await t.http().get(`/articles/${id}?revision=99`).set('Authorization', `Bearer ${editor}`), 404);
  });

  it('412 when If-Match names another revision', async () => {
    const res = await post(`/articles/${id}/categories`).set('If-Match', '"7"').send({ label: 'Diplomacy' });
    expectProblem(res, 412);
  });

  it('412 when If-Match names only weak tags, saying that they never match', async () => {
    const res = await post(`/articles/${id}/categories`).set('If-Match', 'W/"1"').send({ label: 'Diplomacy' });
    expectProblem(res, 412);
    expect(res.body.detail).toMatch(/weak/i);
    expect(res.body.detail).not.toMatch(/named \./);
  });

  it('413 for a body over 1 MiB', async () => {
    const res = await post(`/articles/${id}/text-corrections`).send({ find: 'a', replace: 'x'.repeat(1_100_000), reason: 'r' });
    expectProblem(res, 413);
  });

  it('415 for a content type the endpoint does not take', async () => {
    expectProblem(await post(`/articles/${id}/categories`).set('Content-Type', 'text/plain').send('Diplomacy'), 415);
    expectProblem(await post(`/articles/${id}/categories`).set('Content-Type', 'application/xml').send('<label>x</label>'), 415);
  });

  it('422 for text not found, an ambiguous match, and publishing without a headline', async () => {
    const notFound = await post(`/articles/${id}/text-corrections`).send({
      find: 'La Casa officials',
      replace: 'x',
      reason: 'r',
    });
    expectProblem(notFound, 422);
    const ambiguous = await post(`/articles/${id}/text-corrections`).send({ find: 'Putin', replace: 'Mr Putin', reason: 'r' });
    expectProblem(ambiguous, 422);
    expect(ambiguous.body.detail).toMatch(/\d+ (times|matches|places)/);
    expectProblem(await post(`/articles/${id}/publication`).send({}), 422);
  });

  it('422 for a restore to the current content', async () => {
    expectProblem(await post(`/articles/${id}/restorations`).send({ revision: 1, reason: 'r' }), 422);
  });

  it('409 for a revert that conflicts with a later change', async () => {
    const fix = await post(`/articles/${id}/text-corrections`).send({
      find: 'a La Casa official said. White.',
      replace: 'a White House official said.',
      reason: 'r',
    });
    expect(fix.status).toBe(200);
    const again = await post(`/articles/${id}/text-corrections`).send({
      find: 'a White House official said.',
      replace: 'a senior White House official said.',
      reason: 'r',
    });
    expect(again.status).toBe(200);
    before = await t.log.count();
    const res = await post(`/articles/${id}/reverts`).send({ revision: fix.body.revision, reason: 'r' });
    expectProblem(res, 409);
    expect(res.body.detail).toContain(String(again.body.revision));
  });
});
