import { readFileSync } from 'node:fs';
import { median } from '../support/median';
import type { HeapProbe, HeapReading } from './heap-probe';

/** The resident set of a process, in KiB, as the kernel counts it (what an orchestrator's limit sees). */
export function residentKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]);
}

export interface RssReading {
  /** Seconds since the start of the measured load. */
  at: number;
  kib: number;
  /** With the heap probe: the API's memory right after a full GC, taken just after the RSS. */
  heap?: HeapReading;
}

/**
 * Reads the API's RSS at the start of the measured load, every few seconds during it and at its
 * end. Many readings, not two: V8 lets garbage pile up in the old generation between major
 * collections and gives the pages back after them, so one reading can sit anywhere on a sawtooth
 * tens of MiB high (see `rssGrowth`).
 */
export class RssSampler {
  readonly readings: RssReading[] = [];
  private timer?: NodeJS.Timeout;
  private since = 0;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly pid: number,
    private readonly probe?: HeapProbe,
  ) {}

  async start(everySeconds: number): Promise<void> {
    this.since = performance.now();
    await this.read();
    this.timer = setInterval(() => (this.pending = this.pending.then(() => this.read())), everySeconds * 1000);
  }

  /** The end reading; timed readings that would fall after it are not taken. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.pending;
    await this.read();
  }

  private async read(): Promise<void> {
    try {
      const reading: RssReading = { at: (performance.now() - this.since) / 1000, kib: residentKiB(this.pid) };
      if (this.probe) reading.heap = await this.probe.read();
      this.readings.push(reading);
    } catch {
      // The API has gone: the run reports that on its own.
    }
  }
}

export interface RssGrowth {
  /** The first and last readings, as they fell. */
  first: number;
  last: number;
  pointGrowth: number;
  /** Medians of the readings in the first and in the last `window` seconds. */
  start: number;
  end: number;
  window: number;
  growth: number;
}

/**
 * Growth from the start to the end of the load, each taken as the median of the readings over a
 * window (a tenth of the run, at least 15 s) rather than as one reading: a single reading is where
 * the GC sawtooth happened to be, and two of them can differ by a quarter without a byte leaked.
 * A leak moves the medians as surely as it moves single readings.
 */
export function rssGrowth(readings: RssReading[]): RssGrowth {
  const first = readings[0]?.kib ?? NaN;
  const last = readings.at(-1)?.kib ?? NaN;
  const total = readings.at(-1)?.at ?? 0;
  const window = Math.max(15, total / 10);
  const start = median(readings.filter((r) => r.at <= window).map((r) => r.kib));
  const end = median(readings.filter((r) => r.at >= total - window).map((r) => r.kib));
  return { first, last, pointGrowth: (last - first) / first, start, end, window, growth: (end - start) / start };
}
