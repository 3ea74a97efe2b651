import { readdirSync, readFileSync } from 'node:fs';

/**
 * A process's CPU time so far, in milliseconds to the nanosecond: the sum of its threads' time on
 * a CPU (/proc/<pid>/task/<tid>/schedstat), what `process.cpuUsage()` reads inside it. /proc's
 * stat counts in clock ticks (10 ms), too coarse for one call of a few milliseconds.
 */
export function cpuMsOf(pid: number): number {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // The thread ended between the listing and the reading.
    }
  }
  return ns / 1e6;
}
