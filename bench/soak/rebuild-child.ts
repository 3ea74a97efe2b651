import { spawn } from 'node:child_process';
import { REBUILD_CLI } from './api-child';

export interface RebuildRun {
  /** Seconds since the start of the measured load when the rebuild began and ended. */
  startedAt: number;
  endedAt: number;
  exitCode: number | null;
  /** The CLI's last line: "Rebuilt from N events (+M caught up at the swap) in …", or its error. */
  summary: string;
}

/**
 * Runs `npm run projections:rebuild` as an operator would, in a process of its own while the
 * API keeps serving: the rebuild's replay and its swap are then exercised under load exactly as
 * in production. `since` is the start of the measured load (performance.now()).
 */
export function runRebuild(databaseUrl: string, since: number): Promise<RebuildRun> {
  const startedAt = (performance.now() - since) / 1000;
  const child = spawn(process.execPath, [REBUILD_CLI], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    // Only the tail matters (the summary or the error), and progress lines could pile up.
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return new Promise((resolve) => {
    child.once('close', (code) => {
      const lines = output.split(/[\r\n]+/).filter((line) => line.trim() !== '');
      resolve({ startedAt, endedAt: (performance.now() - since) / 1000, exitCode: code, summary: lines.at(-1) ?? '' });
    });
  });
}
