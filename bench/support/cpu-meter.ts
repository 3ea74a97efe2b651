import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Client } from 'pg';

/**
 * CPU time (user + system) of the processes a benchmark involves, read from Linux's /proc. On a
 * small machine the client, the server and the database share the cores, so CPU milliseconds per
 * operation say where the time goes more steadily than wall-clock rates, and the machine's total
 * shows whether something else was competing. Elsewhere every figure is NaN.
 */
export interface CpuUsage {
  /** CPU seconds per named process group. */
  groups: Record<string, number>;
  /** CPU seconds burned by everything else on the machine (other jobs, the kernel's own threads). */
  others: number;
  /** Busy fraction of all cores over the interval. */
  machineLoad: number;
}

/**
 * A pid alone, or a pid and its children (PostgreSQL's postmaster and its backends). With
 * `database`, only the children that serve that database (its backends and autovacuum workers,
 * and parallel workers of those) or the whole server (checkpointer, WAL writer, background
 * writer, WAL senders): another job's database on a shared server is not counted as ours.
 */
export type ProcessGroup = { pid: number; withChildren?: boolean; database?: string };

/** PostgreSQL's processes for the benchmark's database `url`, on the server whose postmaster is `postmaster`. */
export function postgresGroup(postmaster: number | undefined, url: string): ProcessGroup {
  return { pid: postmaster ?? -1, withChildren: true, database: decodeURIComponent(new URL(url).pathname.slice(1)) };
}

type ProcessTable = Map<number, { ppid: number; ticks: number }>;

const TICKS_PER_SECOND = clockTicks();
/**
 * Processes come and go (a pool closes idle connections), and /proc forgets a process's CPU when
 * it exits: frequent readings bound what is lost to one interval of the dying process.
 */
const INTERVAL_MS = 200;

export class CpuMeter {
  private readonly last = new Map<number, number>();
  private readonly ticks: Record<string, number> = {};
  private machineStart: [number, number] = [NaN, NaN];
  private timer?: NodeJS.Timeout;

  constructor(private readonly groups: Record<string, ProcessGroup>) {}

  start(): void {
    for (const name of Object.keys(this.groups)) this.ticks[name] = 0;
    this.last.clear();
    for (const [pid, entry] of processTable()) this.last.set(pid, entry.ticks);
    this.machineStart = machineTicks();
    // Unref'd: a phase that fails before `stop` must not keep the process alive.
    this.timer = setInterval(() => this.read(), INTERVAL_MS).unref();
  }

  stop(): CpuUsage {
    clearInterval(this.timer);
    this.read();
    const [busyBefore, totalBefore] = this.machineStart;
    const [busyAfter, totalAfter] = machineTicks();
    const groups: Record<string, number> = {};
    let ours = 0;
    for (const [name, ticks] of Object.entries(this.ticks)) {
      groups[name] = existsSync('/proc/self/stat') ? ticks / TICKS_PER_SECOND : NaN;
      ours += groups[name];
    }
    const busy = (busyAfter - busyBefore) / TICKS_PER_SECOND;
    return { groups, others: busy - ours, machineLoad: (busyAfter - busyBefore) / (totalAfter - totalBefore) };
  }

  private read(): void {
    const table = processTable();
    for (const [name, group] of Object.entries(this.groups)) {
      for (const pid of membersOf(group, table)) {
        const now = table.get(pid)?.ticks ?? 0;
        // A process born since the last reading spent all its time within the interval.
        this.ticks[name] += now - (this.last.get(pid) ?? 0);
        this.last.set(pid, now);
      }
    }
  }
}

/** The parent of a process: a PostgreSQL backend's parent is the postmaster. */
export function parentOf(pid: number): number | undefined {
  return processTable().get(pid)?.ppid;
}

/**
 * PostgreSQL's postmaster, whose children are all its processes, found through the backend of
 * `db`'s connection; undefined when the server is not on this machine.
 */
export async function postmasterPidVia(db: Pick<Client, 'query'>): Promise<number | undefined> {
  const { rows } = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return parentOf(rows[0].pid);
}

/** The same, on a connection of its own to `url`. */
export async function postmasterPid(url: string): Promise<number | undefined> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await postmasterPidVia(client);
  } finally {
    await client.end();
  }
}

function membersOf(group: ProcessGroup, table: ProcessTable): number[] {
  const members = table.has(group.pid) ? [group.pid] : [];
  if (!group.withChildren) return members;
  for (const [pid, entry] of table) {
    if (entry.ppid === group.pid && (group.database === undefined || servesDatabase(pid, group.database))) members.push(pid);
  }
  return members;
}

/** Processes that work for the whole server: their cost is every database's, ours included. */
const SERVER_WIDE =
  /^postgres: (?:[^:]+: )?(checkpointer|background writer|walwriter|autovacuum launcher|logical replication launcher|archiver|walsender|startup|walreceiver)\b/;
const PARALLEL_WORKER = /^postgres: (?:[^:]+: )?parallel worker for PID (\d+)/;
/** A backend's title once it has one: verdicts from earlier titles (a freshly forked child's) are not kept. */
const verdicts = new Map<number, boolean>();

/** Whether a PostgreSQL child process works for `database` (or for the whole server), by its process title. */
function servesDatabase(pid: number, database: string): boolean {
  const known = verdicts.get(pid);
  if (known !== undefined) return known;
  let title: string;
  try {
    title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return false;
  }
  if (!title.startsWith('postgres: ')) return false;
  const leader = PARALLEL_WORKER.exec(title);
  // A client backend reads "postgres: user database host(port) activity"; an autovacuum worker
  // "postgres: autovacuum worker database".
  const verdict = leader
    ? servesDatabase(Number(leader[1]), database)
    : SERVER_WIDE.test(title) || ` ${title} `.includes(` ${database} `);
  verdicts.set(pid, verdict);
  return verdict;
}

function processTable(): ProcessTable {
  const table: ProcessTable = new Map();
  if (!existsSync('/proc/self/stat')) return table;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name (field 2) may hold spaces and parentheses: parse after its last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Fields 4 (ppid), 14 (utime) and 15 (stime) of proc(5), counted from field 3 here.
      table.set(Number(name), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended while the table was read.
    }
  }
  return table;
}

function machineTicks(): [busy: number, total: number] {
  if (!existsSync('/proc/stat')) return [NaN, NaN];
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  const total = cpu.slice(0, 8).reduce((sum, ticks) => sum + ticks, 0);
  // idle and iowait are the not-busy columns.
  return [total - cpu[3] - cpu[4], total];
}

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}
