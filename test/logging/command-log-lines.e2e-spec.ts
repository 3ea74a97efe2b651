import { PassThrough } from 'node:stream';
import { createTestApp, TEST_SECRET, type TestApp } from '../support/test-app';
import { GENEVA_SUMMIT } from '../support/sample-story';
import { until } from '../support/waiting';

interface LogLine {
  req?: { id?: string; method?: string; path?: string };
  res?: { status?: number };
  actor?: string;
  command?: { type?: string; articleId?: string; revision?: number; outcome?: string };
}

/**
 * Every command's request line names the command: its type, the article, the revision it made
 * (or was refused at), its outcome, the actor and the correlation id (X-Request-Id, recorded in
 * the event's metadata). Nothing secret: no token, no signing secret, no body, no reason.
 */
describe('the log line of a command', () => {
  let t: TestApp;
  let lines = '';
  let editor: string;
  let id: string;

  beforeAll(async () => {
    const destination = new PassThrough();
    destination.on('data', (chunk: Buffer) => (lines += chunk.toString()));
    t = await createTestApp({ logLevel: 'info', logDestination: destination, metricsToken: 'scrape-token-0123456789abcdef' });
    editor = await t.token('eddie', 'editor');
  });
  afterAll(() => t.close());

  /** The request line of `requestId`, once written (after the answer was sent). */
  async function lineOf(requestId: string): Promise<LogLine> {
    await until(() => lines.includes(`"id":"${requestId}"`));
    return JSON.parse(lines.split('\n').find((line) => line.includes(`"id":"${requestId}"`)) ?? '{}') as LogLine;
  }

  const send = (method: 'post' | 'put' | 'delete', path: string, requestId: string, body: object | string) =>
    t
      .http()
      [method](path)
      .set('Authorization', `Bearer ${editor}`)
      .set('X-Request-Id', requestId)
      .type(typeof body === 'string' ? 'text/plain' : 'application/json')
      .send(body);

  it('names the article, revision, type, outcome, actor and correlation id of an accepted command', async () => {
    const created = await send('post', '/articles', 'cmd-create', GENEVA_SUMMIT);
    expect(created.status).toBe(201);
    id = created.body.id;
    expect(await lineOf('cmd-create')).toMatchObject({
      req: { id: 'cmd-create', method: 'POST', path: '/articles' },
      res: { status: 201 },
      actor: 'eddie',
      command: { type: 'CreateArticle', articleId: id, revision: 1, outcome: 'accepted' },
    });
    const fixed = await send('post', `/articles/${id}/attribution-fixes`, 'cmd-fix', {
      find: "Citizen Free Press's Matthew Chance",
      replace: "CNN's Matthew Chance",
      reason: 'Tip from a confidential source named Deep Throat',
      notice: 'An earlier version attributed the question to the wrong outlet.',
    });
    expect(fixed.status).toBe(200);
    expect(await lineOf('cmd-fix')).toMatchObject({
      actor: 'eddie',
      req: { id: 'cmd-fix' },
      command: { type: 'FixAttribution', articleId: id, revision: 2, outcome: 'accepted' },
    });
    // The same correlation id is what the event recorded.
    const events = await t.log.stream(id);
    expect(events.at(-1)?.metadata.correlationId).toBe('cmd-fix');
  });

  it('names the revision a refused command was decided on, and a conflict as such', async () => {
    const refused = await send('post', `/articles/${id}/text-corrections`, 'cmd-refused', {
      find: 'La Casa officials',
      replace: 'White House officials',
      reason: 'Deep Throat said so',
    });
    expect(refused.status).toBe(422);
    expect(await lineOf('cmd-refused')).toMatchObject({
      res: { status: 422 },
      actor: 'eddie',
      command: { type: 'CorrectText', articleId: id, revision: 2, outcome: 'refused' },
    });
    const stale = await t
      .http()
      .post(`/articles/${id}/publication`)
      .set('Authorization', `Bearer ${editor}`)
      .set('X-Request-Id', 'cmd-stale')
      .set('If-Match', '"1"')
      .send({ reason: 'Deep Throat approves' });
    expect(stale.status).toBe(412);
    expect(await lineOf('cmd-stale')).toMatchObject({
      res: { status: 412 },
      command: { type: 'PublishArticle', articleId: id, revision: 2, outcome: 'conflict' },
    });
    const unknown = await send('put', '/articles/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed/headline', 'cmd-unknown', {
      headline: 'x',
      reason: 'y',
    });
    expect(unknown.status).toBe(404);
    const line = await lineOf('cmd-unknown');
    expect(line.command).toEqual({
      type: 'ChangeHeadline',
      articleId: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
      outcome: 'refused',
    });
  });

  it('says when a command changed nothing', async () => {
    await send('post', `/articles/${id}/categories`, 'cmd-category', { label: 'Diplomacy' });
    await send('post', `/articles/${id}/categories`, 'cmd-category-again', { label: 'Diplomacy' });
    expect((await lineOf('cmd-category')).command).toMatchObject({ type: 'AddCategory', revision: 3, outcome: 'accepted' });
    expect((await lineOf('cmd-category-again')).command).toMatchObject({
      type: 'AddCategory',
      revision: 3,
      outcome: 'unchanged',
    });
  });

  it('holds nothing secret: no token, no secret, no body, no reason', () => {
    expect(lines).not.toContain(editor);
    expect(lines).not.toContain(editor.split('.')[2]);
    expect(lines).not.toContain(TEST_SECRET);
    expect(lines).not.toContain('scrape-token-0123456789abcdef');
    expect(lines).not.toContain('Deep Throat');
    expect(lines).not.toContain('Matthew Chance');
    expect(lines).not.toContain('Biden');
  });
});
