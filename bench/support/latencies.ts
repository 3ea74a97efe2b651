/** Latency samples in milliseconds, kept whole: a run of a few hundred thousand fits in memory easily. */
export class Latencies {
  private readonly samples: number[] = [];

  record(ms: number): void {
    this.samples.push(ms);
  }

  get count(): number {
    return this.samples.length;
  }

  /** Percentiles by nearest rank, the way load tools usually report them. */
  summary(): LatencySummary {
    const sorted = Float64Array.from(this.samples).sort();
    const at = (p: number): number =>
      sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    const mean = sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length;
    return { count: sorted.length, mean, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? NaN };
  }
}

export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p99: number;
  max: number;
}
