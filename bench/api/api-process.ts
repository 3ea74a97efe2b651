import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { type ApiChild, startApiChild } from '../support/api-child';
import { FIXTURES_ENV } from './floor-app/floor-fixtures';

/**
 * The app compiled the way `npm run build` compiles it (the Nest CLI, which also rewrites the
 * `@newsroom/*` aliases), but into a folder of the benchmark's own (tsconfig.api-build.json):
 * the Nest CLI empties its output folder first, so a build of dist/ by anyone else during a run
 * would pull the app from under it.
 */
const BUILD_CONFIG = 'bench/api/tsconfig.api-build.json';
const BUILD_DIR = 'dist/bench-api';
/**
 * Where the measured build is read from. BENCH_API_DIST names a copy of an earlier build (with
 * BENCH_BUILD=0), so that two versions of the code can be measured in alternating runs (A/B).
 */
const MEASURED_DIR = process.env.BENCH_API_DIST?.trim() || BUILD_DIR;
export const API_ENTRY = `${MEASURED_DIR}/apps/newsroom-api/src/main.js`;
/** The floor app (floor-app/), compiled by the same build: tsconfig.api-build.json lists it. */
export const FLOOR_ENTRY = `${MEASURED_DIR}/bench/api/floor-app/main.js`;
const QUERY_COUNTER = 'bench/api/query-counter.ts';

/**
 * Compiles the app as it is in the working tree, so that the figures are those of this code. tsc
 * emits despite type errors (a colleague's work in progress elsewhere in the tree, say): a build
 * that complains but wrote both entry points afresh is measured, with a warning.
 */
export function buildApi(warn: (line: string) => void): void {
  const started = Date.now();
  try {
    execFileSync('npx', ['nest', 'build', '--path', BUILD_CONFIG], { stdio: 'inherit' });
  } catch (error) {
    const fresh = (entry: string) => existsSync(entry) && statSync(entry).mtimeMs >= started;
    if (!fresh(API_ENTRY) || !fresh(FLOOR_ENTRY)) throw error;
    warn('the build reported type errors (above) but emitted the API and the floor app: measuring what it emitted');
  }
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

export type ApiProcess = ApiChild;

/**
 * Starts the API as a child process. In-process, autocannon's load generation and the API would
 * share one event loop: each would slow the other, which no deployment sees.
 */
export function startApi(options: ApiOptions): Promise<ApiProcess> {
  const profiling = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const counting = options.queryCountFile ? ['-r', compiledQueryCounter(dirname(options.queryCountFile))] : [];
  return startApiChild({
    entry: API_ENTRY,
    databaseUrl: options.databaseUrl,
    jwtSecret: options.jwtSecret,
    logLevel: options.logLevel,
    nodeArgs: [...profiling, ...counting],
    env: { BENCH_QUERY_COUNT_FILE: options.queryCountFile ?? '' },
  });
}

/**
 * Starts the floor app exactly as the API is started (same launcher, node, environment and
 * settings; it ignores the JWT secret and logs nothing), so that the two differ only in code.
 */
export function startFloor(
  options: Pick<ApiOptions, 'databaseUrl' | 'jwtSecret' | 'logLevel'>,
  fixturesFile: string,
): Promise<ApiProcess> {
  return startApiChild({ entry: FLOOR_ENTRY, ...options, env: { [FIXTURES_ENV]: fixturesFile } });
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
