import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { freePort } from '@newsroom/database';

/**
 * The app compiled the way `npm run build` compiles it (the Nest CLI, which also rewrites the
 * `@newsroom/*` aliases), but into a folder of the benchmark's own (tsconfig.api-build.json):
 * the Nest CLI empties its output folder first, so a build of dist/ by anyone else during a run
 * would pull the app from under it.
 */
const BUILD_CONFIG = 'bench/api/tsconfig.api-build.json';
export const API_ENTRY = 'dist/bench-api/apps/newsroom-api/src/main.js';
const QUERY_COUNTER = 'bench/api/query-counter.ts';
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/** Compiles the app as it is in the working tree, so that the figures are those of this code. */
export function buildApi(): void {
  execFileSync('npx', ['nest', 'build', '--path', BUILD_CONFIG], { stdio: 'inherit' });
}

export interface ApiOptions {
  databaseUrl: string;
  jwtSecret: string;
  logLevel: string;
  /** When set, the API writes a V8 CPU profile there on exit. */
  cpuProfileDir?: string;
  /** When set, the API counts its SQL statements and writes them there on exit (query-counter.ts). */
  queryCountFile?: string;
}

export interface ApiProcess {
  baseUrl: string;
  pid: number;
  /** SIGTERM (the app's own graceful shutdown), then SIGKILL if it hangs. */
  stop(): Promise<void>;
}

/**
 * Starts the API as a child process. In-process, autocannon's load generation and the API would
 * share one event loop: each would slow the other, which no deployment sees.
 */
export async function startApi(options: ApiOptions): Promise<ApiProcess> {
  if (!existsSync(API_ENTRY)) throw new Error(`${API_ENTRY} is missing: build first (unset BENCH_BUILD).`);
  const port = await freePort();
  const profiling = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const counting = options.queryCountFile ? ['-r', compiledQueryCounter(dirname(options.queryCountFile))] : [];
  const child = spawn(process.execPath, [...profiling, ...counting, API_ENTRY], {
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      JWT_SECRET: options.jwtSecret,
      PORT: String(port),
      // The benchmark is one client hammering on purpose: it must measure commands, not the throttle.
      RATE_LIMIT_PER_ACTOR: '100000000',
      RATE_LIMIT_PER_ADDRESS: '100000000',
      LOG_LEVEL: options.logLevel,
      BENCH_QUERY_COUNT_FILE: options.queryCountFile ?? '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Drained so that a chatty logger can never block the API on a full pipe.
  child.stdout?.resume();
  const baseUrl = `http://127.0.0.1:${port}`;
  await untilHealthy(baseUrl, child);
  return { baseUrl, pid: child.pid ?? -1, stop: () => stop(child) };
}

async function untilHealthy(baseUrl: string, child: ChildProcess): Promise<void> {
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `the API exited (${signal ?? code}) before it was ready`));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited) throw new Error(exited);
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet: migrations run before `listen`.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the API was not healthy within ${READY_TIMEOUT_MS / 1000} s`);
}

/**
 * The counter as JavaScript next to its output: preloading it through ts-node would put the
 * TypeScript compiler into the API process and into its CPU profile.
 */
function compiledQueryCounter(dir: string): string {
  const { outputText } = ts.transpileModule(readFileSync(QUERY_COUNTER, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2023, esModuleInterop: true },
  });
  mkdirSync(dir, { recursive: true });
  const file = resolve(join(dir, 'query-counter.js'));
  writeFileSync(file, outputText);
  return file;
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
