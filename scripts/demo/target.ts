import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** The API the demo talks to, and how to let go of it. */
export interface Target {
  url: string;
  stop(): Promise<void>;
}

const LISTENING = /Newsroom API listening on (http:\/\/\S+)/;

/**
 * DEMO_URL (default the local API on port 3000) when it answers /health; otherwise the demo
 * starts its own API on the embedded PostgreSQL, as `npm start` would, on a port of its own.
 */
export async function findOrStartApi(url: string, say: (line: string) => void): Promise<Target> {
  if (await answers(url)) return { url, stop: async () => undefined };
  say(`No API answers at ${url}: starting one on the embedded PostgreSQL (npm start's default).`);
  const child = spawn(process.execPath, ['scripts/build-if-needed.cjs'], { stdio: ['ignore', 'inherit', 'inherit'] });
  await exited(child);
  const api = spawn(process.execPath, ['dist/apps/newsroom-api/apps/newsroom-api/src/main.js'], {
    env: { ...process.env, PORT: '0', DATABASE_URL: '', JWT_SECRET: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const started = await listeningUrl(api);
  return {
    url: started,
    stop: async () => {
      api.kill('SIGTERM');
      await exited(api);
    },
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

function listeningUrl(api: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: api.stdout! });
    lines.on('line', (line) => {
      const match = LISTENING.exec(line);
      if (match) resolve(match[1].replace('localhost', '127.0.0.1'));
    });
    api.once('exit', (code) => reject(new Error(`the API stopped before listening (exit code ${code})`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
}
