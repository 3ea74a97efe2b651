import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { formatProfileSummary, summariseCpuProfile, type TimeWindow } from '../support/cpu-profile-summary';
import { printQueryCounts } from './report';

const DIR = '.data/bench-api';

/**
 * With BENCH_DIAGNOSE=1 the API runs under `--cpu-prof` and with its SQL statements counted;
 * afterwards this prints where its CPU went during the measured load and what each command sent.
 */
export class Diagnosis {
  readonly profileDir = join(DIR, 'cpu-profiles');
  readonly queryCountFile = join(DIR, 'query-counts.json');

  constructor(readonly enabled: boolean) {
    // Last run's files would be summarised as this run's.
    rmSync(DIR, { recursive: true, force: true });
    if (enabled) mkdirSync(DIR, { recursive: true });
  }

  /**
   * Call once the API has exited: it writes both files on exit. The statements sent during the
   * measured commands, per command; one profile summary per phase.
   */
  print(commands: number, phases: { commands: TimeWindow } & Record<string, TimeWindow>): void {
    if (!this.enabled) return;
    const sent = existsSync(this.queryCountFile)
      ? (JSON.parse(readFileSync(this.queryCountFile, 'utf8')) as Record<string, number[]>)
      : {};
    const within = ({ fromUs, toUs }: TimeWindow) =>
      Object.fromEntries(
        Object.entries(sent).map(([statement, times]) => [statement, times.filter((t) => t >= fromUs && t <= toUs).length]),
      );
    printQueryCounts(within(phases.commands), commands);
    for (const file of readdirSync(this.profileDir)) {
      const path = join(this.profileDir, file);
      for (const [phase, window] of Object.entries(phases)) {
        process.stdout.write(`\nCPU profile of the API during the measured ${phase} (${path}):\n`);
        process.stdout.write(`${formatProfileSummary(summariseCpuProfile(path, window))}\n`);
      }
    }
  }
}
