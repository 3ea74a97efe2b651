/**
 * `npm run test:repeat -- N [--pressure K] [--out DIR] [-- jest arguments]`: runs the whole suite N
 * times and prints which tests failed, how often and how, so that anyone can check that the suite
 * is deterministic. `--pressure K` keeps K busy-loop processes running meanwhile, as on a CI
 * machine shared with benchmarks. Each run's Jest report is kept in DIR (.data/test-repeat/<time>).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface JestAssertion {
  fullName: string;
  status: string;
  failureMessages: string[];
}
interface JestReport {
  numTotalTests: number;
  numFailedTests: number;
  numRuntimeErrorTestSuites: number;
  testResults: { name: string; status: string; message: string; assertionResults: JestAssertion[] }[];
}
interface Failure {
  test: string;
  runs: number[];
  messages: Set<string>;
}

const args = parseArguments(process.argv.slice(2));
const outDir = args.out ?? join('.data', 'test-repeat', new Date().toISOString().replace(/[:.]/g, '-'));
mkdirSync(outDir, { recursive: true });

const burners = startPressure(args.pressure);
const failures = new Map<string, Failure>();
const summary: string[] = [];
let failedRuns = 0;
try {
  for (let run = 1; run <= args.runs; run++) {
    const outputFile = join(outDir, `run-${run}.json`);
    const started = Date.now();
    const result = spawnSync('npx', ['jest', '--json', `--outputFile=${outputFile}`, ...args.jest], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '--experimental-vm-modules' },
      maxBuffer: 256 * 1024 * 1024,
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    const report = readReport(outputFile);
    const stderr = result.stderr?.toString() ?? '';
    const workerWarning = stderr.includes('failed to exit gracefully') ? ', worker did not exit gracefully' : '';
    if (result.status !== 0) failedRuns++;
    if (!report) {
      record(failures, '(no report: Jest itself failed)', run, lastLine(stderr));
    } else {
      for (const suite of report.testResults) {
        if (suite.status === 'failed' && suite.assertionResults.every((a) => a.status !== 'failed')) {
          record(failures, `${suite.name} (suite)`, run, firstLines(suite.message));
        }
        for (const assertion of suite.assertionResults) {
          if (assertion.status === 'failed') {
            record(
              failures,
              `${relative(suite.name)} › ${assertion.fullName}`,
              run,
              firstLines(assertion.failureMessages[0] ?? ''),
            );
          }
        }
      }
    }
    const line = `run ${run}/${args.runs}: rc ${result.status}, ${report?.numTotalTests ?? '?'} tests, ${report?.numFailedTests ?? '?'} failed, ${seconds} s${workerWarning}`;
    summary.push(line);
    console.log(line);
  }
} finally {
  for (const burner of burners) burner.kill('SIGKILL');
}

console.log(
  `\n${args.runs} runs${args.pressure ? ` under ${args.pressure} busy loops` : ''}, ${failedRuns} failed; reports in ${outDir}`,
);
if (failures.size === 0) console.log('no test failed');
for (const failure of [...failures.values()].sort((a, b) => b.runs.length - a.runs.length)) {
  console.log(`\n${failure.runs.length}× ${failure.test} (runs ${failure.runs.join(', ')})`);
  for (const first of failure.messages) console.log(`   ${first}`);
}
process.exitCode = failedRuns === 0 ? 0 : 1;

function parseArguments(argv: string[]): { runs: number; pressure: number; out?: string; jest: string[] } {
  const split = argv.indexOf('--');
  const own = split < 0 ? argv : argv.slice(0, split);
  const jest = split < 0 ? [] : argv.slice(split + 1);
  let runs = 10;
  let pressure = 0;
  let out: string | undefined;
  for (let i = 0; i < own.length; i++) {
    if (own[i] === '--pressure') pressure = whole(own[++i], '--pressure');
    else if (own[i] === '--out') out = own[++i];
    else runs = whole(own[i], 'the number of runs');
  }
  return { runs, pressure, out, jest };
}

function whole(text: string | undefined, what: string): number {
  if (!text || !/^\d+$/.test(text)) throw new Error(`${what} must be a whole number, not ${text ?? 'nothing'}`);
  return Number(text);
}

/** K processes that each keep a core busy until killed. */
function startPressure(count: number): ChildProcess[] {
  return Array.from({ length: count }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
}

function readReport(path: string): JestReport | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as JestReport;
  } catch {
    return undefined;
  }
}

function record(into: Map<string, Failure>, test: string, run: number, how: string): void {
  const failure = into.get(test) ?? { test, runs: [], messages: new Set<string>() };
  failure.runs.push(run);
  failure.messages.add(how);
  into.set(test, failure);
}

function firstLines(message: string): string {
  // eslint-disable-next-line no-control-regex -- Jest's messages carry terminal colours
  const plain = message.replace(/\u001b\[[0-9;]*m/g, '');
  const lines = plain.split('\n').map((line) => line.trim());
  return lines
    .filter((line) => line !== '')
    .slice(0, 3)
    .join(' | ')
    .slice(0, 300);
}

function lastLine(text: string): string {
  return firstLines(text.trim().split('\n').reverse().join('\n'));
}

function relative(path: string): string {
  return path.startsWith(process.cwd()) ? path.slice(process.cwd().length + 1) : path;
}
