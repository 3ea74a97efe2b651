import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { operatorScriptCommand } from '../support/operator-script';
import { runSampleScenario } from '../support/sample-scenario';
import { createTestApp, type TestApp } from '../support/test-app';

const run = promisify(execFile);

/** Runs one of the operators' scripts as `npm run` does, its stdout a pipe (not a terminal); answers its lines. */
async function script(file: string, databaseUrl: string, ...args: string[]): Promise<string[]> {
  const { argv, env } = operatorScriptCommand(file, databaseUrl, args);
  const { stdout } = await run(process.execPath, argv, { env });
  return stdout.split('\n').filter((line) => line !== '');
}

const PLAIN_LINE = (title: string) =>
  new RegExp(`^${title}: (\\d+)/(\\d+) events \\((\\d+)%\\) · \\d+ events/s · ETA (\\d+s|\\d+m \\d\\ds|--)$`);

/**
 * Off a terminal (CI, a pipe, a log file) the long runs print plain progress lines, whole lines
 * without a carriage return or an escape sequence, and end with a summary line.
 */
describe('the operators’ scripts off a terminal', () => {
  let t: TestApp;
  let events: number;

  beforeAll(async () => {
    t = await createTestApp();
    await runSampleScenario(t);
    await runSampleScenario(t);
    events = await t.log.count();
  });
  afterAll(() => t.close());

  it('npm run audit:verify: progress lines up to the whole log, then its summary', async () => {
    const lines = await script('scripts/audit-verify.ts', t.database.url);
    expect(lines.join('\n')).not.toContain('\r');
    expect(lines.join('\n')).not.toContain('\u001b');
    expect(lines.at(-1)).toBe(`2 streams, ${events} events: every hash chain holds`);
    const progress = lines.slice(0, -1).map((line) => PLAIN_LINE('Audit').exec(line));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every(Boolean)).toBe(true);
    expect(progress.at(-1)?.slice(1, 4)).toEqual([String(events), String(events), '100']);
  });

  it('npm run projections:rebuild: progress lines up to the whole log, then its summary', async () => {
    const lines = await script('scripts/rebuild-projections.ts', t.database.url, '--batch-size', '4');
    expect(lines.join('\n')).not.toContain('\r');
    expect(lines.join('\n')).not.toContain('\u001b');
    expect(lines.at(-1)).toMatch(
      new RegExp(`^Rebuilt from ${events} events \\(\\+0 caught up at the swap\\) in \\d+\\.\\d s, \\d+ events/s$`),
    );
    const progress = lines.slice(0, -1).map((line) => PLAIN_LINE('Rebuild').exec(line));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every(Boolean)).toBe(true);
    expect(progress[0]?.[2]).toBe(String(events));
    expect(progress.at(-1)?.slice(1, 4)).toEqual([String(events), String(events), '100']);
  });
});
