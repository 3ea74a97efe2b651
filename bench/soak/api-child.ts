import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from '@newsroom/database';

/**
 * The app and its scripts compiled the way `npm run build` compiles them (the Nest CLI, which
 * also rewrites the `@newsroom/*` aliases), into a folder of the soak's own: another benchmark
 * rebuilding `dist/apps` or `dist/bench-api` half-way through cannot pull the files from under it.
 */
const BUILD_CONFIG = 'bench/soak/tsconfig.soak-build.json';
const API_ENTRY = 'dist/bench-soak/apps/newsroom-api/src/main.js';
export const REBUILD_CLI = 'dist/bench-soak/scripts/rebuild-projections.js';
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/** Compiles the working tree, so that the figures are those of this code. */
export function buildApi(): void {
  execFileSync('npx', ['nest', 'build', '--path', BUILD_CONFIG], { stdio: 'inherit' });
}

export interface ApiChild {
  baseUrl: string;
  pid: number;
  process: ChildProcess;
  /** Set once the child has exited: a soak must notice an API that died under it. */
  exited(): string | undefined;
  /** SIGTERM (the app's own graceful shutdown), then SIGKILL if it hangs. */
  stop(): Promise<void>;
}

/**
 * Starts the API as a child process, as it is deployed: in-process it would share its event loop
 * and its heap with the load generator, and its RSS could not be told apart.
 */
export async function startApi(options: {
  databaseUrl: string;
  jwtSecret: string;
  logLevel: string;
  /** Extra Node flags and an IPC channel (the heap probe's). */
  nodeArgs?: string[];
  ipc?: boolean;
}): Promise<ApiChild> {
  for (const file of [API_ENTRY, REBUILD_CLI]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: build first (unset BENCH_BUILD).`);
  }
  const port = await freePort();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), API_ENTRY], {
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      JWT_SECRET: options.jwtSecret,
      PORT: String(port),
      // 0 turns the limits off: the soak is one client hammering on purpose.
      RATE_LIMIT_PER_ACTOR: '0',
      RATE_LIMIT_PER_ADDRESS: '0',
      LOG_LEVEL: options.logLevel,
    },
    stdio: options.ipc ? ['ignore', 'pipe', 'inherit', 'ipc'] : ['ignore', 'pipe', 'inherit'],
  });
  // Drained so that a chatty logger can never block the API on a full pipe.
  child.stdout?.resume();
  let exitedWith: string | undefined;
  child.once('exit', (code, signal) => (exitedWith = `the API exited (${signal ?? code})`));
  const baseUrl = `http://127.0.0.1:${port}`;
  await untilHealthy(baseUrl, child, () => exitedWith);
  return { baseUrl, pid: child.pid ?? -1, process: child, exited: () => exitedWith, stop: () => stop(child) };
}

async function untilHealthy(baseUrl: string, child: ChildProcess, exited: () => string | undefined): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const reason = exited();
    if (reason) throw new Error(`${reason} before it was ready`);
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
