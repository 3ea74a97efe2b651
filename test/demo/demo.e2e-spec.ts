import { spawn } from 'node:child_process';
import { createTestApp, type TestApp } from '../support/test-app';

/** `npm run demo` walks the sample story against a running API and fails on any unexpected answer. */
describe('npm run demo', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ runFollowers: false });
  });
  afterAll(() => t.close());

  async function demo(token: string): Promise<{ code: number | null; output: string }> {
    const url = await t.url();
    return new Promise((resolve) => {
      const child = spawn('npx', ['ts-node', '--transpile-only', '-r', 'tsconfig-paths/register', 'scripts/demo/demo.ts'], {
        env: { ...process.env, NODE_OPTIONS: '', DEMO_URL: url, DEMO_TOKEN: token },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('exit', (code) => resolve({ code, output }));
    });
  }

  it('corrects, publishes, diffs, restores and audits the sample story, printing each request', async () => {
    const { code, output } = await demo(await t.token('eddie', 'editor'));
    expect({ code, tail: output.slice(-300) }).toEqual({ code: 0, tail: expect.stringContaining('Done') });
    for (const step of [
      'POST /articles',
      '/attribution-fixes',
      '/text-corrections',
      '/categories',
      '/publication',
      '/revisions',
      '/diff?from=1&to=5',
      '/restorations',
      '/audit',
    ])
      expect(output).toContain(step);
    expect(output).toContain('[-La Casa-]{+White House+}');
    expect(output).toContain('[-Citizen Free Press-]{+CNN+}');
    expect(output).toMatch(/hash chain verified over 6 revisions/);
    expect(await t.log.count()).toBe(6);
  }, 60_000);

  it('stops with the problem and exit code 1 on an unexpected answer (a reporter cannot publish)', async () => {
    const { code, output } = await demo(await t.token('rita', 'reporter'));
    expect(code).toBe(1);
    expect(output).toMatch(/→ 403 Forbidden/);
    expect(output).toMatch(/The demo stopped: 403 This needs one of the roles: editor/);
    expect(output).not.toContain('/restorations');
  }, 60_000);
});
