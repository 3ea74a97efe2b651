import { issueToken } from '../../apps/newsroom-api/src/auth/token-issuer';
import { type ApiProcess, startApiProcess, stopApiProcess } from '../support/api-process';
import { TEST_SECRET } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { until } from '../support/waiting';

/** Each test starts main.ts from source, which may take 20 s on a busy machine. */
const TIMEOUT_MS = 90_000;

/**
 * What `npm start` writes, read from its stdout: a pipe, as in a container or CI, so not a
 * terminal. The formatter's readable lines themselves are checked in pretty-log.spec.ts.
 */
describe('the API process logs', () => {
  let database: TestDatabase;
  let token: string;
  let api: ApiProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    token = await issueToken(TEST_SECRET, { sub: 'eddie', roles: ['editor'] });
  });

  afterEach(async () => {
    await stopApiProcess(api);
    api = undefined;
  });

  afterAll(() => database.drop());

  async function requestLogged(running: ApiProcess, requestId: string): Promise<string> {
    const answer = await fetch(`${running.baseUrl}/articles`, {
      headers: { Authorization: `Bearer ${token}`, 'X-Request-Id': requestId },
    });
    expect(answer.status).toBe(200);
    await until(() => running.output().includes(requestId) || running.output().includes('GET /articles 200'));
    return running.output();
  }

  it.each([
    ['stdout is not a terminal', {}],
    ['LOG_FORMAT=json', { LOG_FORMAT: 'json' }],
  ])(
    'are JSON lines when %s: each request with its method, path, status, duration and actor; no route mapping at info',
    async (_when, env: Record<string, string>) => {
      const running = await startApiProcess(database.url, { LOG_LEVEL: 'info', ...env });
      api = running;
      const output = await requestLogged(running, 'json-line-1');
      const line = output.split('\n').find((l) => l.includes('json-line-1'));
      expect(JSON.parse(line ?? '{}')).toMatchObject({
        level: 30,
        req: { id: 'json-line-1', method: 'GET', path: '/articles' },
        res: { status: 200 },
        responseTime: expect.any(Number) as number,
        actor: 'eddie',
      });
      // Nest's start-up lines are JSON too, without the route inventory; the banner follows them.
      const started = output.split('\n').findIndex((l) => l.includes('Nest application successfully started'));
      expect(JSON.parse(output.split('\n')[started])).toMatchObject({ level: 30, context: 'NestApplication' });
      expect(output.split('\n').findIndex((l) => l.startsWith('Newsroom API listening on'))).toBeGreaterThan(started);
      expect(output).not.toContain('Mapped {');
      expect(output).not.toContain('RoutesResolver');
      expect(output).not.toContain(token);
    },
    TIMEOUT_MS,
  );

  it(
    "are readable lines with LOG_FORMAT=pretty, the banner after Nest's start-up lines",
    async () => {
      const running = await startApiProcess(database.url, { LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' });
      api = running;
      const output = await requestLogged(running, 'pretty-line-1');
      expect(output).toMatch(/\[\d\d:\d\d:\d\d\.\d{3}\] INFO: GET \/articles 200 \d+ ms by eddie\n/);
      expect(output).toMatch(/INFO: \[NestApplication\] Nest application successfully started\n[^]*Newsroom API listening on/);
      expect(output).toMatch(/Database +DATABASE_URL postgres:\/\/postgres@127\.0\.0\.1:\d+\/newsroom_t_/);
      expect(output).not.toContain('Mapped {');
      expect(output).not.toContain('"level"');
    },
    TIMEOUT_MS,
  );
});
