import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import type { PostgresBinaries } from './postgres-binaries';

const run = promisify(execFile);

/** PostgreSQL refuses to run as root: as root, the server and its tools run as `postgres`. */
export interface RunAs {
  uid?: number;
  gid?: number;
}

export function runAs(): RunAs {
  if (process.getuid?.() !== 0) return {};
  return {
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
  };
}

/** A fresh directory under the system's temp dir (traversable by everyone), owned by the server's user. */
export function serverDirectory(prefix: string, owner: RunAs): string {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  if (owner.uid !== undefined) chownSync(dir, owner.uid, owner.gid ?? owner.uid);
  return dir;
}

/** One postgres server on a data directory: started as a child, stopped by pg_ctl or killed. */
export class ServerProcess {
  private child?: ChildProcess;
  private log = '';

  constructor(
    private readonly binaries: PostgresBinaries,
    readonly dataDir: string,
    readonly port: number,
    private readonly owner: RunAs,
  ) {}

  /** Starts the server and resolves once it accepts connections (read-only ones, for a standby). */
  async start(): Promise<void> {
    const child = spawn(this.binaries.postgres, ['-D', this.dataDir, '-p', String(this.port)], {
      ...this.owner,
      env: { ...process.env, LC_MESSAGES: 'C' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    child.stderr?.on('data', (chunk: Buffer) => (this.log = (this.log + chunk.toString()).slice(-8000)));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`postgres exited at start:\n${this.log}`);
      if (await this.accepts()) return;
      if (Date.now() > deadline) throw new Error(`postgres did not start within 30 s:\n${this.log}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** `pg_ctl stop -m immediate`: the server goes away at once, as in a crash. */
  async stopImmediately(): Promise<void> {
    await this.pgCtlStop('immediate');
  }

  async stop(): Promise<void> {
    await this.pgCtlStop('fast');
  }

  /** Last resort for a cleanup: kills the postmaster without waiting (its children follow it). */
  kill(): void {
    if (this.running()) this.child?.kill('SIGKILL');
  }

  running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  output(): string {
    return this.log;
  }

  private async pgCtlStop(mode: 'fast' | 'immediate'): Promise<void> {
    if (!this.running()) return;
    const exited = new Promise((resolve) => this.child?.once('exit', resolve));
    await run(this.binaries.pgCtl, ['stop', '-D', this.dataDir, '-m', mode, '-w', '-t', '30'], this.owner).catch(() =>
      this.child?.kill('SIGKILL'),
    );
    await exited;
  }

  private async accepts(): Promise<boolean> {
    const client = new Client({ host: '127.0.0.1', port: this.port, user: 'postgres', database: 'postgres' });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/** Runs initdb into `dataDir` with trust on loopback: the pair is thrown away after the test. */
export async function initialise(binaries: PostgresBinaries, dataDir: string, owner: RunAs): Promise<void> {
  await run(binaries.initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8'], {
    ...owner,
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
}

export function removeDirectory(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
