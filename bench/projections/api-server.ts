import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { type ApiChild, startApiChild } from '../support/api-child';
import { APP_DIST } from './child-runs';

const API_ENTRY = join(APP_DIST, 'apps/newsroom-api/src/main.js');

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

export type RunningApi = ApiChild;

/**
 * The compiled API in a process of its own, logging at warn, so that a log line per request is
 * not what is measured.
 */
export function startApi(databaseUrl: string, jwtSecret: string, env: Record<string, string> = {}): Promise<RunningApi> {
  assertBuilt();
  return startApiChild({ entry: API_ENTRY, databaseUrl, jwtSecret, logLevel: 'warn', env });
}
