import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { PinoNestLogger } from '../../apps/newsroom-api/src/http/pino-nest-logger';
import { createSampleArticle } from '../support/articles-api';
import { createTestApp, TEST_SECRET, type TestApp } from '../support/test-app';
import { until } from '../support/waiting';

describe('logs', () => {
  let t: TestApp;
  let lines = '';

  beforeAll(async () => {
    const destination = new PassThrough();
    destination.on('data', (chunk: Buffer) => (lines += chunk.toString()));
    t = await createTestApp({ logLevel: 'info', logDestination: destination });
  });
  afterAll(() => t.close());

  it('record each request without its token, the secret or its body', async () => {
    const token = await t.token('eddie', 'editor');
    const id = await createSampleArticle(t, token);
    const secretWords = 'a confidential source named Deep Throat';
    const res = await t
      .http()
      .post(`/articles/${id}/text-corrections`)
      .set('Authorization', `Bearer ${token}`)
      .set('X-Request-Id', 'log-test-1')
      .send({ find: 'Geneva', replace: secretWords, reason: secretWords, occurrence: 1 });
    expect(res.status).toBe(200);
    // The line is written when the answer has been sent: the client may read the answer first.
    await until(() => lines.includes('log-test-1'));
    const line = lines.split('\n').find((l) => l.includes('log-test-1'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({
      req: { id: 'log-test-1', method: 'POST', path: `/articles/${id}/text-corrections` },
      res: { status: 200 },
      actor: 'eddie',
    });
    expect(lines).not.toContain(token);
    expect(lines).not.toContain(token.split('.')[2]);
    expect(lines).not.toContain(TEST_SECRET);
    expect(lines).not.toContain('Deep Throat');
    expect(lines).not.toContain('Biden');
  });
});

describe('application logs', () => {
  it('go to the same stream as JSON lines with their context, an error with its stack', async () => {
    const destination = new PassThrough();
    let written = '';
    destination.on('data', (chunk: Buffer) => (written += chunk.toString()));
    const logger = new PinoNestLogger(pino({ level: 'info' }, destination));
    logger.log('follower started', 'CorrectionsFollower');
    logger.error('request r-1: TypeError: boom', 'TypeError: boom\n    at somewhere', 'Problems');
    logger.debug('not at info', 'Quiet');
    await new Promise((resolve) => setImmediate(resolve));
    const lines = written
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, context: 'CorrectionsFollower', msg: 'follower started' }),
      expect.objectContaining({
        level: 50,
        context: 'Problems',
        msg: 'request r-1: TypeError: boom',
        stack: 'TypeError: boom\n    at somewhere',
      }),
    ]);
  });
});
