import { type ChildProcess, spawn } from 'node:child_process';

/**
 * An operator's script (scripts/*.ts) started as `npm run` starts it, against one database: its
 * command line and environment. NODE_OPTIONS is cleared: Jest's VM-modules flag is not the script's.
 */
export function operatorScriptCommand(
  file: string,
  databaseUrl: string,
  args: readonly string[] = [],
): { argv: string[]; env: NodeJS.ProcessEnv } {
  return {
    argv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', file, ...args],
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_OPTIONS: '', TS_NODE_PROJECT: 'tsconfig.json' },
  };
}

/** The script in its own process, its stdout and stderr gathered into one text as they come. */
export function spawnOperatorScript(
  file: string,
  databaseUrl: string,
  args: readonly string[] = [],
): { child: ChildProcess; output: () => string; onOutput: (listener: (all: string) => void) => void } {
  const { argv, env } = operatorScriptCommand(file, databaseUrl, args);
  const child = spawn(process.execPath, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const listeners: Array<(all: string) => void> = [];
  const gather = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener(output);
  };
  child.stdout?.on('data', gather);
  child.stderr?.on('data', gather);
  return { child, output: () => output, onOutput: (listener) => listeners.push(listener) };
}
