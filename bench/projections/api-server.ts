import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { freePort } from '@newsroom/database';
import { APP_DIST } from './child-runs';

const API_ENTRY = join(APP_DIST, 'apps/newsroom-api/src/main.js');
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * `npm run build`: the figures are those of the code in the working tree. tsc emits despite type
 * errors, so a build that complains but wrote a fresh entry point is used, with a warning.
 */
export function buildApp(warn: (line: string) => void): void {
  const started = Date.now();
  try {
    execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  } catch (error) {
    const output = String((error as { stdout?: Buffer }).stdout ?? '') + String((error as { stderr?: Buffer }).stderr ?? '');
    if (!existsSync(API_ENTRY) || statSync(API_ENTRY).mtimeMs < started) throw error;
    const found = /Found (\d+) error/.exec(output)?.[0] ?? 'errors';
    const first = /^\S+\.ts:\d+:\d+.*$/m.exec(stripVTControlCharacters(output))?.[0] ?? '';
    warn(`npm run build failed (${found}; first: ${first}) but emitted the app: measuring what it emitted`);
  }
}

export function assertBuilt(): void {
  if (!existsSync(API_ENTRY)) throw new Error(`${API_ENTRY} is missing: run \`npm run build\` (or unset BENCH_BUILD)`);
}

export interface RunningApi {
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
  /** At once, without waiting: for an interrupted run. */
  kill(): void;
}

/**
 * The compiled API in a process of its own, rate limits off (the benchmark is one client reading
 * on purpose) and logging at warn, so that a log line per request is not what is measured.
 */
export async function startApi(databaseUrl: string, jwtSecret: string): Promise<RunningApi> {
  assertBuilt();
  const port = await freePort();
  const child = spawn(process.execPath, [API_ENTRY], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      JWT_SECRET: jwtSecret,
      PORT: String(port),
      RATE_LIMIT_PER_ACTOR: '0',
      RATE_LIMIT_PER_ADDRESS: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Drained, so that the API never blocks on a full pipe.
  child.stdout?.resume();
  const baseUrl = `http://127.0.0.1:${port}`;
  await untilHealthy(baseUrl, child);
  return { baseUrl, pid: child.pid ?? -1, stop: () => stop(child), kill: () => void child.kill('SIGKILL') };
}

async function untilHealthy(baseUrl: string, child: ChildProcess): Promise<void> {
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `the API exited (${signal ?? code}) before it was ready`));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited) throw new Error(exited);
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the API was not healthy within ${READY_TIMEOUT_MS / 1000} s`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
