import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createTestApp, type TestApp } from '../support/test-app';

const MARKER = '# readme-test:';

/** The README's shell blocks marked `# readme-test:`, each as written. */
export function runnableBlocks(readme: string): Array<{ name: string; script: string }> {
  return [...readme.matchAll(/```sh\n([\s\S]*?)```/g)]
    .map((match) => match[1])
    .filter((block) => block.startsWith(MARKER))
    .map((block) => ({ name: block.slice(MARKER.length, block.indexOf('\n')).trim(), script: block }));
}

/**
 * The README's examples run as written against an API started as `npm start` starts it (the
 * embedded default's one-click sign-in on), so that the README cannot rot.
 */
describe('the README', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ runFollowers: false, localSignIn: true });
  });
  afterAll(() => t.close());

  const blocks = runnableBlocks(readFileSync('README.md', 'utf8'));

  it('marks the examples meant to be run', () => {
    expect(blocks.map((block) => block.name)).toEqual(['the sample story by hand']);
  });

  it('runs the sample story by hand: import, fix the attribution, see the diff', async () => {
    const [block] = blocks;
    const api = await t.url();
    // Asynchronously: the API answering the script runs in this very process.
    const run = await bash(block.script, { ...process.env, API: api });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('2');
    expect(lines.slice(1).join('\n')).toContain('b9: [{"op":"delete","text":"Citizen Free Press"},{"op":"insert","text":"CNN"}]');
    expect(await t.log.count()).toBe(2);
  });
});

function bash(script: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
