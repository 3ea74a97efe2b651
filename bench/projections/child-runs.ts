import { fork } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { CpuMeter, type CpuUsage, postgresGroup } from '../support/cpu-meter';
import type { ChildMode, ChildReport } from './child-entry';

/** The app as `npm run build` compiles it. */
export const APP_DIST = 'dist/apps/newsroom-api';
const SOURCE_DIR = 'bench/projections';
/** The child and what it imports at run time (type imports of the app vanish on transpiling). */
const CHILD_SOURCES = ['child-entry.ts'];
const CHILD_DIR = 'dist/bench-projections';

export interface ChildRun extends ChildReport {
  eventsPerSecond: number;
  /** CPU seconds of the measured process and of PostgreSQL while it worked: who was busy. */
  cpu: CpuUsage;
}

export interface ChildOptions {
  /** Write a V8 CPU profile into this folder. */
  cpuProfileDir?: string;
  /** Node flags for the child, e.g. `--max-old-space-size=128` to see what a heap cap does to RSS and speed. */
  nodeFlags?: string[];
}

/**
 * Runs one measured pass (a rebuild, or a read of the log) in a fresh Node process and returns
 * what it reported. `postmasterPid` makes the CPU meter count PostgreSQL's processes too.
 */
export async function runInChild(
  mode: ChildMode,
  url: string,
  batchSize: number,
  postmasterPid: number | undefined,
  options: ChildOptions = {},
): Promise<ChildRun> {
  const script = compiledChild();
  const profiling = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const child = fork(script, [mode, url, String(batchSize)], {
    execArgv: [...(options.nodeFlags ?? []), ...profiling],
    env: { ...process.env, BENCH_APP_DIST: resolve(APP_DIST) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const meter = new CpuMeter({ measured: { pid: child.pid ?? -1 }, postgres: postgresGroup(postmasterPid, url) });
  return new Promise<ChildRun>((settle, fail) => {
    let report: ChildReport | undefined;
    let cpu: CpuUsage | undefined;
    child.on('message', (message: ChildReport | { ready: true }) => {
      if ('ready' in message) return meter.start();
      cpu = meter.stop();
      report = message;
    });
    child.once('error', fail);
    child.once('exit', (code, signal) => {
      if (!report || !cpu) return fail(new Error(`the ${mode} process exited (${signal ?? code}) without a report`));
      settle({ ...report, eventsPerSecond: report.events / report.seconds, cpu: renamed(cpu, mode) });
    });
  });
}

/** The meter's group is named for the process that ran: a rebuild, or a reader. */
function renamed(cpu: CpuUsage, mode: ChildMode): CpuUsage {
  const { measured, ...rest } = cpu.groups;
  return { ...cpu, groups: { [mode.startsWith('rebuild') ? 'rebuild' : 'reader']: measured, ...rest } };
}

/**
 * The child as JavaScript beside the build: under ts-node it would carry the TypeScript
 * compiler (well over 100 MB) in the very RSS it measures.
 */
function compiledChild(): string {
  for (const source of CHILD_SOURCES) {
    const { outputText } = ts.transpileModule(readFileSync(join(SOURCE_DIR, source), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2023, esModuleInterop: true },
    });
    const file = join(CHILD_DIR, source.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, outputText);
  }
  return join(CHILD_DIR, 'child-entry.js');
}
