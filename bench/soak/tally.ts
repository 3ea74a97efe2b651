import { type LatencySummary, Latencies } from '../support/latencies';
import type { SoakAnswer } from './http-client';

export interface KindFigures {
  kind: string;
  latency: LatencySummary;
  /** Answers whose status was not the one expected, by status (0: no answer at all). */
  unexpected: Map<number, number>;
}

const SAMPLES_KEPT = 8;

/**
 * The answers of one phase of the load (warm-up or measured): counts and latencies per kind of
 * request, and everything that should not have happened, with a few samples verbatim to tell a
 * broken workload from a broken app.
 */
export class Tally {
  readonly all = new Latencies();
  /** Requests sent while the projections rebuild ran: its cost to the traffic it runs under. */
  readonly duringRebuild = new Latencies();
  rebuilding = false;
  unexpected = 0;
  /** Answers with the expected status that still broke the contract (stale reads, doubled revisions…). */
  readonly anomalies = new Map<string, number>();
  readonly samples: string[] = [];
  private readonly kinds = new Map<string, { latencies: Latencies; unexpected: Map<number, number> }>();

  /** Counts the answer; true when its status was the expected one. */
  record(kind: string, request: string, answer: SoakAnswer, expected: number): boolean {
    this.all.record(answer.ms);
    if (this.rebuilding) this.duringRebuild.record(answer.ms);
    let figures = this.kinds.get(kind);
    if (!figures) this.kinds.set(kind, (figures = { latencies: new Latencies(), unexpected: new Map() }));
    figures.latencies.record(answer.ms);
    if (answer.status === expected) return true;
    this.unexpected++;
    figures.unexpected.set(answer.status, (figures.unexpected.get(answer.status) ?? 0) + 1);
    this.sample(`${answer.status || answer.error} ${request}: ${answer.body.toString('utf8').slice(0, 300)}`);
    return false;
  }

  anomaly(name: string, detail: string): void {
    this.anomalies.set(name, (this.anomalies.get(name) ?? 0) + 1);
    this.sample(`${name}: ${detail}`);
  }

  byKind(): KindFigures[] {
    return [...this.kinds.entries()]
      .map(([kind, figures]) => ({ kind, latency: figures.latencies.summary(), unexpected: figures.unexpected }))
      .sort((a, b) => b.latency.count - a.latency.count);
  }

  private sample(line: string): void {
    if (this.samples.length < SAMPLES_KEPT) this.samples.push(line);
  }
}
