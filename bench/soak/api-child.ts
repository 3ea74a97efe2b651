import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type ApiChild, startApiChild } from '../support/api-child';

/**
 * The app and its scripts compiled the way `npm run build` compiles them (the Nest CLI, which
 * also rewrites the `@newsroom/*` aliases), into a folder of the soak's own: another benchmark
 * rebuilding `dist/apps` or `dist/bench-api` half-way through cannot pull the files from under it.
 */
const BUILD_CONFIG = 'bench/soak/tsconfig.soak-build.json';
const API_ENTRY = 'dist/bench-soak/apps/newsroom-api/src/main.js';
export const REBUILD_CLI = 'dist/bench-soak/scripts/rebuild-projections.js';

/** Compiles the working tree, so that the figures are those of this code. */
export function buildApi(): void {
  execFileSync('npx', ['nest', 'build', '--path', BUILD_CONFIG], { stdio: 'inherit' });
}

export type { ApiChild };

/**
 * Starts the API as a child process, as it is deployed: in-process it would share its event loop
 * and its heap with the load generator, and its RSS could not be told apart.
 */
export function startApi(options: {
  databaseUrl: string;
  jwtSecret: string;
  logLevel: string;
  /** Extra Node flags and an IPC channel (the heap probe's). */
  nodeArgs?: string[];
  ipc?: boolean;
}): Promise<ApiChild> {
  if (!existsSync(REBUILD_CLI)) throw new Error(`${REBUILD_CLI} is missing: build first (unset BENCH_BUILD).`);
  return startApiChild({ entry: API_ENTRY, ...options });
}
