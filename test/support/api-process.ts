import { type ChildProcess, spawn } from 'node:child_process';
import { TEST_SECRET } from './test-app';

/** The API's real entry point (`main.ts`) in a process of its own, so that a test can SIGKILL it. */
export interface ApiProcess {
  baseUrl: string;
  pid: number;
  /** Resolves with the signal (or exit code) the process ended with. */
  exited: Promise<NodeJS.Signals | number | null>;
  /** Everything it wrote so far, for failure messages. */
  output(): string;
  /** Undefined while it runs, else how it ended: a crash shows here with its output. */
  ended(): string | undefined;
  kill(signal: NodeJS.Signals): void;
}

const STARTUP_MS = 45_000;

/**
 * Starts `main.ts` on `databaseUrl` and resolves once it listens. The API binds a port the system
 * chooses (PORT=0) and names it: a port picked beforehand could be taken meanwhile by another
 * test worker's listener or outgoing connection.
 */
export async function startApiProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<ApiProcess> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/newsroom-api/src/main.ts'],
    {
      env: {
        ...process.env,
        // Jest's --experimental-vm-modules must not leak into a plain CommonJS process.
        NODE_OPTIONS: '',
        TS_NODE_PROJECT: 'tsconfig.json',
        DATABASE_URL: databaseUrl,
        JWT_SECRET: TEST_SECRET,
        PORT: '0',
        LOG_LEVEL: 'silent',
        RATE_LIMIT_PER_ACTOR: '1000000',
        RATE_LIMIT_PER_ADDRESS: '1000000',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let ended: string | undefined;
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => {
      ended = `exited (${String(signal ?? code)}):\n${output}`;
      resolve(signal ?? code);
    }),
  );
  const port = await listening(child, () => output, exited);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    exited,
    output: () => output,
    ended: () => ended,
    kill: (signal) => void child.kill(signal),
  };
}

/** Stops a process of ours that may still run: SIGKILL, since a test needs no graceful end. */
export async function stopApiProcess(api: ApiProcess | undefined): Promise<void> {
  if (!api) return;
  api.kill('SIGKILL');
  await api.exited;
}

/** Resolves with the port the API names once it listens. */
function listening(child: ChildProcess, output: () => string, exited: Promise<unknown>): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the API did not start within ${STARTUP_MS} ms:\n${output()}`));
    }, STARTUP_MS);
    const onData = () => {
      const listeningOn = /Newsroom API listening on http:\/\/localhost:(\d+)/.exec(output());
      if (!listeningOn) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve(Number(listeningOn[1]));
    };
    child.stdout?.on('data', onData);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`the API exited (${String(how)}) before listening:\n${output()}`));
    });
  });
}
