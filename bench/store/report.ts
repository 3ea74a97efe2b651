import { availableParallelism, loadavg } from 'node:os';
import { median } from '../support/median';
import type { AppendComparison, CaseRun } from './appends';
import type { CatchUpRun } from './catch-up';

export function printAppendRound(round: number, comparisons: AppendComparison[]): void {
  // The machine's load says whether something else competed for its cores meanwhile.
  console.log(`\nround ${round} (load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`);
  for (const { writers, raw, store } of comparisons) {
    console.log(`  ${writerLabel(writers)}  raw   ${runLine(raw)}`);
    console.log(
      `  ${writerLabel(writers)}  store ${runLine(store)}  store/raw ${(store.eventsPerSecond / raw.eventsPerSecond).toFixed(2)}`,
    );
  }
}

/** Medians over the rounds, per concurrency. */
export function printAppendSummary(comparisons: AppendComparison[]): void {
  console.log('\nappends, one event per transaction (medians over the rounds)');
  console.log('  writers   raw events/s  p50 ms  p99 ms   store events/s  p50 ms  p99 ms   store/raw');
  for (const writers of [...new Set(comparisons.map((c) => c.writers))]) {
    const runs = comparisons.filter((c) => c.writers === writers);
    const raw = medians(runs.map((r) => r.raw));
    const store = medians(runs.map((r) => r.store));
    const ratio = median(runs.map((r) => r.store.eventsPerSecond / r.raw.eventsPerSecond));
    console.log(
      `  ${String(writers).padStart(7)}   ${fixed(raw.rate, 0, 12)}  ${fixed(raw.p50, 2, 6)}  ${fixed(raw.p99, 2, 6)}   ` +
        `${fixed(store.rate, 0, 14)}  ${fixed(store.p50, 2, 6)}  ${fixed(store.p99, 2, 6)}   ${fixed(ratio, 2, 9)}`,
    );
  }
}

export function printCatchUp(label: string, runs: CatchUpRun[]): void {
  const rates = runs.map((r) => r.eventsPerSecond);
  const each = rates.map((rate) => fixed(rate, 0, 0)).join(', ');
  console.log(`  ${label.padEnd(36)} ${fixed(median(rates), 0, 8)} events/s (median of ${each}; ${runs[0].events} events)`);
}

function runLine(run: CaseRun): string {
  return `${fixed(run.eventsPerSecond, 0, 7)} events/s  p50 ${fixed(run.p50, 2, 5)} ms  p99 ${fixed(run.p99, 2, 6)} ms`;
}

function writerLabel(writers: number): string {
  return `${String(writers).padStart(2)} writer${writers === 1 ? ' ' : 's'}`;
}

function medians(runs: CaseRun[]): { rate: number; p50: number; p99: number } {
  return {
    rate: median(runs.map((r) => r.eventsPerSecond)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
  };
}

function fixed(value: number, digits: number, width: number): string {
  return value.toFixed(digits).padStart(width);
}
