import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { PinoNestLogger } from '../../apps/newsroom-api/src/http/pino-nest-logger';
import { parseLogFormat, resolveLogFormat } from '../../apps/newsroom-api/src/logging/log-format';
import { prettyDestination, prettyLogFormatter } from '../../apps/newsroom-api/src/logging/pretty-log';
import { startupBanner } from '../../apps/newsroom-api/src/logging/startup-banner';

/** A request line as request-logging.ts writes it: id, method, path, status, duration, actor. */
function requestLine(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    level: 30,
    time: Date.UTC(2026, 11, 5, 14, 2, 11, 512),
    pid: 4242,
    hostname: 'newsroom-host',
    req: { id: 'r-1', method: 'POST', path: '/articles/7/text-corrections' },
    res: { status: 200 },
    responseTime: 35,
    actor: 'eddie',
    msg: 'request completed',
    ...overrides,
  });
}

const TIME = String.raw`\[\d\d:\d\d:\d\d\.\d{3}\]`;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

describe('log format', () => {
  it('is JSON off a terminal and readable on one, unless LOG_FORMAT says', () => {
    expect(resolveLogFormat(undefined, { isTTY: false })).toBe('json');
    expect(resolveLogFormat(undefined, {})).toBe('json');
    expect(resolveLogFormat(undefined, { isTTY: true })).toBe('pretty');
    expect(resolveLogFormat('json', { isTTY: true })).toBe('json');
    expect(resolveLogFormat('pretty', { isTTY: false })).toBe('pretty');
  });

  it('LOG_FORMAT takes json or pretty, and refuses anything else', () => {
    expect(parseLogFormat(undefined)).toBeUndefined();
    expect(parseLogFormat('')).toBeUndefined();
    expect(parseLogFormat('JSON')).toBe('json');
    expect(parseLogFormat('pretty')).toBe('pretty');
    expect(() => parseLogFormat('text')).toThrow('LOG_FORMAT must be "json" or "pretty", got "text"');
  });
});

describe('readable log lines', () => {
  it('show a request as time, level, method, path, status, duration and actor on one line', () => {
    const line = prettyLogFormatter(false)(requestLine());
    expect(line).toMatch(new RegExp(`^${TIME} INFO: POST /articles/7/text-corrections 200 35 ms by eddie\n$`));
    // Nothing else: the request id, pid and host stay in the JSON lines.
    expect(line).not.toContain('r-1');
    expect(line).not.toContain('4242');
    expect(line).not.toContain('newsroom-host');
  });

  it('leave out the actor of a request without one, and colour the status on a terminal', () => {
    expect(prettyLogFormatter(false)(requestLine({ actor: undefined, req: { method: 'GET', path: '/health' } }))).toMatch(
      new RegExp(`^${TIME} INFO: GET /health 200 35 ms\n$`),
    );
    const coloured = prettyLogFormatter(true)(requestLine({ res: { status: 503 } }));
    expect(coloured).toMatch(ANSI);
    expect(coloured).toContain('\u001b[31m503');
    expect(coloured.replace(ANSI, '')).toMatch(/INFO: POST \/articles\/7\/text-corrections 503 35 ms by eddie\n$/);
  });

  it('strip control characters, so a token subject cannot forge a line or drive the terminal', () => {
    const line = prettyLogFormatter(false)(requestLine({ actor: 'mallory\n[00:00:00.000] INFO: GET /x 200 1 ms\u001b[2J' }));
    expect(line.trim().split('\n')).toHaveLength(1);
    expect(line).not.toContain('\u001b');
  });

  it("show Nest's own lines with their context, an error with its stack below", () => {
    const format = prettyLogFormatter(false);
    expect(format({ level: 30, time: 0, context: 'NestApplication', msg: 'Nest application successfully started' })).toMatch(
      new RegExp(`^${TIME} INFO: \\[NestApplication\\] Nest application successfully started\n$`),
    );
    const error = format({
      level: 50,
      time: 0,
      context: 'Problems',
      msg: 'request r-1: TypeError: boom',
      stack: 'TypeError: boom\n    at somewhere',
    });
    expect(error).toMatch(new RegExp(`^${TIME} ERROR: \\[Problems\\] request r-1: TypeError: boom\n`));
    expect(error).toMatch(/\n {4}stack: TypeError: boom\n +at somewhere\n$/);
  });

  it('are written in order with what is printed after them (the banner comes last)', () => {
    const out = new PassThrough();
    let written = '';
    out.on('data', (chunk: Buffer) => (written += chunk.toString()));
    const logger = new PinoNestLogger(pino({ level: 'info' }, prettyDestination(out, false)));
    logger.log('Nest application successfully started', 'NestApplication');
    out.write('the banner\n');
    expect(written).toMatch(
      new RegExp(`^${TIME} INFO: \\[NestApplication\\] Nest application successfully started\nthe banner\n$`),
    );
  });
});

describe("Nest's start-up inventory", () => {
  async function logged(level: string): Promise<Record<string, unknown>[]> {
    const destination = new PassThrough();
    let written = '';
    destination.on('data', (chunk: Buffer) => (written += chunk.toString()));
    const logger = new PinoNestLogger(pino({ level }, destination));
    logger.log('ArticleCommandsController {/}:', 'RoutesResolver');
    logger.log('Mapped {/articles, POST} route', 'RouterExplorer');
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.log('Nest application successfully started', 'NestApplication');
    logger.warn('a warning keeps its level', 'RouterExplorer');
    await new Promise((resolve) => setImmediate(resolve));
    return written
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it('(route mapping, modules) is not shown at info', async () => {
    expect(await logged('info')).toEqual([
      expect.objectContaining({ level: 30, context: 'NestApplication', msg: 'Nest application successfully started' }),
      expect.objectContaining({ level: 40, context: 'RouterExplorer', msg: 'a warning keeps its level' }),
    ]);
  });

  it('is shown at debug', async () => {
    const lines = await logged('debug');
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 20, context: 'RouterExplorer', msg: 'Mapped {/articles, POST} route' }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ level: 20, context: 'RoutesResolver' }));
    expect(lines).toContainEqual(expect.objectContaining({ level: 20, context: 'InstanceLoader' }));
  });
});

describe('the start-up banner', () => {
  it('names the API, its docs, the desk, the embedded database, the editor token and how to get others', () => {
    const banner = startupBanner({
      port: 3000,
      databaseUrl: 'postgres://postgres:s3cret@127.0.0.1:41234/newsroom',
      embeddedDataDir: '/home/me/newsroom/.data/postgres',
      localSignIn: true,
      editorToken: 'aaa.bbb.ccc',
      decorate: true,
      colour: false,
    });
    expect(banner).toContain('Newsroom API listening on http://localhost:3000 (docs at /docs)\n');
    expect(banner).toContain('http://localhost:3000/docs');
    expect(banner).toMatch(/Desk +http:\/\/localhost:3000\/desk\/ \(one-click sign-in/);
    expect(banner).toContain(
      'embedded PostgreSQL, data in /home/me/newsroom/.data/postgres (postgres://postgres@127.0.0.1:41234/newsroom)',
    );
    expect(banner).toContain('  aaa.bbb.ccc\n');
    expect(banner).toContain('npm run token -- --sub alice --roles reporter');
    expect(banner).toContain('reporter, editor, auditor');
    expect(banner).not.toContain('s3cret');
  });

  it('names DATABASE_URL without its password or query, and no one-click sign-in or token there', () => {
    const banner = startupBanner({
      port: 8080,
      databaseUrl: 'postgres://newsroom:hunter2@db.internal:5432/newsroom?sslmode=require&password=hunter2',
      localSignIn: false,
      decorate: false,
      colour: false,
    });
    expect(banner).toMatch(/^Newsroom API listening on http:\/\/localhost:8080 \(docs at \/docs\)\n/);
    expect(banner).toContain('DATABASE_URL postgres://newsroom@db.internal:5432/newsroom\n');
    expect(banner).not.toContain('hunter2');
    expect(banner).not.toContain('one-click');
    expect(banner).not.toContain('Editor token');
    expect(banner).toContain('JWT_SECRET=… npm run token');
  });
});
