import { spawn } from 'node:child_process';

/** `npm run projector`'s entry point in a process of its own, so that a test can SIGKILL it. */
export interface ProjectorProcess {
  pid: number;
  /** Resolves with the signal (or exit code) the process ended with. */
  exited: Promise<NodeJS.Signals | number | null>;
  output(): string;
  kill(signal: NodeJS.Signals): void;
}

const STARTUP_MS = 45_000;

/** Starts the projector on `databaseUrl` and resolves once it says it runs. */
export async function startProjectorProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<ProjectorProcess> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/newsroom-api/src/projector/main.ts'],
    {
      env: {
        ...process.env,
        // Jest's --experimental-vm-modules must not leak into a plain CommonJS process.
        NODE_OPTIONS: '',
        TS_NODE_PROJECT: 'tsconfig.json',
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'silent',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the projector did not start within ${STARTUP_MS} ms:\n${output}`));
    }, STARTUP_MS);
    const onData = () => {
      if (!output.includes('Newsroom projector running')) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve();
    };
    child.stdout?.on('data', onData);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`the projector exited (${String(how)}) before running:\n${output}`));
    });
  });
  return { pid: child.pid ?? 0, exited, output: () => output, kill: (signal) => void child.kill(signal) };
}

/** Stops a projector of ours that may still run. */
export async function stopProjectorProcess(projector: ProjectorProcess | undefined): Promise<void> {
  if (!projector) return;
  projector.kill('SIGKILL');
  await projector.exited;
}
