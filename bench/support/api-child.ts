import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from '@newsroom/database';

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

export interface ApiChildOptions {
  /** The compiled API entry (each benchmark builds into a folder of its own). */
  entry: string;
  databaseUrl: string;
  jwtSecret: string;
  logLevel: string;
  /** Node flags before the entry (profilers, preloads). */
  nodeArgs?: string[];
  /** Further environment for the API. */
  env?: Record<string, string>;
  /** An IPC channel to the child (the soak's heap probe). */
  ipc?: boolean;
}

export interface ApiChild {
  baseUrl: string;
  pid: number;
  process: ChildProcess;
  /** Set once the child has exited: a long run must notice an API that died under it. */
  exited(): string | undefined;
  /** SIGTERM (the app's own graceful shutdown), then SIGKILL if it hangs. */
  stop(): Promise<void>;
  /** At once, without waiting: for an interrupted run. */
  kill(): void;
}

/**
 * Starts the compiled API as a child process, as it is deployed: in-process it would share its
 * event loop and heap with the load generator. Rate limits are off (0): a benchmark is one
 * client hammering on purpose.
 */
export async function startApiChild(options: ApiChildOptions): Promise<ApiChild> {
  if (!existsSync(options.entry)) throw new Error(`${options.entry} is missing: build first (unset BENCH_BUILD).`);
  const port = await freePort();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.entry], {
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      JWT_SECRET: options.jwtSecret,
      PORT: String(port),
      RATE_LIMIT_PER_ACTOR: '0',
      RATE_LIMIT_PER_ADDRESS: '0',
      LOG_LEVEL: options.logLevel,
      ...options.env,
    },
    stdio: options.ipc ? ['ignore', 'pipe', 'inherit', 'ipc'] : ['ignore', 'pipe', 'inherit'],
  });
  // Drained so that a chatty logger can never block the API on a full pipe.
  child.stdout?.resume();
  let exitedWith: string | undefined;
  child.once('exit', (code, signal) => (exitedWith = `the API exited (${signal ?? code})`));
  const baseUrl = `http://127.0.0.1:${port}`;
  await untilHealthy(baseUrl, child, () => exitedWith);
  return {
    baseUrl,
    pid: child.pid ?? -1,
    process: child,
    exited: () => exitedWith,
    stop: () => stop(child),
    kill: () => void child.kill('SIGKILL'),
  };
}

async function untilHealthy(baseUrl: string, child: ChildProcess, exited: () => string | undefined): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const reason = exited();
    if (reason) throw new Error(`${reason} before it was ready`);
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) return;
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
