import os from 'node:os';
import type { CpuUsage } from '../support/cpu-meter';
import type { LatencySummary } from '../support/latencies';
import type { LogAudit } from './log-audit';
import type { RebuildRun } from './rebuild-child';
import { type RssGrowth, type RssReading, rssGrowth } from './rss';
import type { Tally } from './tally';

export interface SoakReport {
  server: string;
  seconds: number;
  connections: number;
  articlesAtStart: number;
  articlesAtEnd: number;
  warmup: Tally;
  measured: Tally;
  /** Seconds of the measured load, the drain of the requests in flight included. */
  elapsed: number;
  /** CPU seconds over the measured load, per process group. */
  cpu: CpuUsage;
  rebuild?: RebuildRun;
  feedCatchUpSeconds: number;
  audit: LogAudit;
  rss: RssReading[];
  apiExited?: string;
}

/** Issue 5's targets. */
export const RSS_GROWTH_TARGET = 0.1;

export interface Verdict {
  unexpected: number;
  logFaults: number;
  rss: RssGrowth;
  met: boolean;
}

export function verdictOf(report: SoakReport): Verdict {
  const { audit } = report;
  const unexpected =
    report.warmup.unexpected + report.measured.unexpected + anomalies(report.warmup) + anomalies(report.measured);
  const logFaults =
    audit.lost +
    audit.duplicated +
    audit.duplicatedStored +
    audit.storedKeyMismatch +
    (audit.unacknowledged - audit.unsettled) +
    audit.unkeyed +
    audit.streamsWithGaps +
    audit.headsOff +
    audit.articleRowsOff +
    Math.abs(audit.revisionRows - audit.eventsInLog) +
    Math.abs(audit.noticesInFeed - audit.noticesWritten) +
    Math.abs(audit.eventsInLog - audit.eventsWritten - audit.unsettled);
  const rss = rssGrowth(report.rss);
  const met =
    unexpected === 0 &&
    logFaults === 0 &&
    rss.growth < RSS_GROWTH_TARGET &&
    report.apiExited === undefined &&
    report.rebuild?.exitCode === 0;
  return { unexpected, logFaults, rss, met };
}

export function printReport(report: SoakReport): Verdict {
  const { measured, audit } = report;
  const verdict = verdictOf(report);
  const all = measured.all.summary();
  const out: string[] = [];
  out.push('');
  out.push(`Soak: ${report.seconds} s of mixed load at ${report.connections} connections on ${report.server}`);
  out.push(`  articles: ${report.articlesAtStart} at the start, ${report.articlesAtEnd} at the end`);
  out.push('');
  out.push(
    `  requests   ${int(all.count)} in ${report.elapsed.toFixed(1)} s = ${int(all.count / report.elapsed)} requests/s, ` +
      `p50 ${ms(all.p50)}, p99 ${ms(all.p99)}, max ${ms(all.max)}`,
  );
  const rebuilding = measured.duringRebuild.summary();
  if (rebuilding.count > 0) {
    out.push(`  while the rebuild ran: ${int(rebuilding.count)} requests, p50 ${ms(rebuilding.p50)}, p99 ${ms(rebuilding.p99)}`);
  }
  out.push(
    `  non-2xx    ${measured.unexpected} unexpected (warm-up: ${report.warmup.unexpected} of ${int(report.warmup.all.count)})`,
  );
  const anomalyList = [...report.warmup.anomalies, ...measured.anomalies].map(([name, n]) => `${name} ${n}`).join(', ');
  out.push(`  anomalies  ${anomalyList || 'none'} (stale reads, revisions not next, replays not marked…)`);
  const { groups, others, machineLoad } = report.cpu;
  const share = (seconds: number): string => `${((seconds / report.elapsed) * 100).toFixed(0)} %`;
  out.push(
    `  CPU        API ${share(groups.api)} of a core, PostgreSQL ${share(groups.postgres)}, load generator ${share(groups.load)}, ` +
      `everything else ${share(others)}; machine ${(machineLoad * 100).toFixed(0)} % busy (${os.cpus().length} cores)`,
  );
  out.push('');
  out.push(
    `  ${'kind'.padEnd(20)} ${'count'.padStart(9)} ${'p50'.padStart(9)} ${'p99'.padStart(9)} ${'max'.padStart(9)}  non-2xx`,
  );
  for (const kind of measured.byKind()) out.push(`  ${kindLine(kind.kind, kind.latency, kind.unexpected)}`);
  out.push('');
  const rebuild = report.rebuild;
  out.push(
    rebuild
      ? `  rebuild    from ${rebuild.startedAt.toFixed(1)} s to ${rebuild.endedAt.toFixed(1)} s, exit ${rebuild.exitCode}: ${rebuild.summary}`
      : '  rebuild    did not run',
  );
  out.push('');
  out.push(
    `  events     written ${int(audit.eventsWritten)} (2xx commands that append + creations), in the log ${int(audit.eventsInLog)}`,
  );
  out.push(
    `             lost ${audit.lost}, duplicated ${audit.duplicated} (by stored key ${audit.duplicatedStored}, ` +
      `key mismatches ${audit.storedKeyMismatch}), unkeyed ${audit.unkeyed}`,
  );
  out.push(
    `             in the log without a 2xx: ${audit.unacknowledged} (of which ${audit.unsettled} for requests answered otherwise or not at all)`,
  );
  out.push(
    `             streams with gaps ${audit.streamsWithGaps}, heads not at the acknowledged revision ${audit.headsOff}, ` +
      `article rows off ${audit.articleRowsOff}, history rows ${int(audit.revisionRows)}`,
  );
  out.push(
    `             notices acknowledged ${int(audit.noticesWritten)}, in the corrections feed ${int(audit.noticesInFeed)} ` +
      `(caught up ${report.feedCatchUpSeconds.toFixed(1)} s after the load)`,
  );
  out.push('');
  const rss = verdict.rss;
  out.push(
    `  RSS        start ${mib(rss.start)}, end ${mib(rss.end)}, growth ${pct(rss.growth)} ` +
      `(medians of the first and the last ${rss.window.toFixed(0)} s of readings)`,
  );
  out.push(
    `             first reading ${mib(rss.first)}, last ${mib(rss.last)} (${pct(rss.pointGrowth)}); ` +
      `trend ${trendMiBPerMinute(report.rss).toFixed(1)} MiB/min (least squares)`,
  );
  out.push(`             readings, MiB: ${report.rss.map((r) => (r.kib / 1024).toFixed(0)).join(' ')}`);
  if (report.rss.some((r) => r.heap)) {
    const used = report.rss.map((r) => (r.heap ? (r.heap.heapUsed / 2 ** 20).toFixed(0) : '?')).join(' ');
    const total = report.rss.map((r) => (r.heap ? (r.heap.heapTotal / 2 ** 20).toFixed(0) : '?')).join(' ');
    out.push(`             live heap after a full GC, MiB: ${used}`);
    out.push(`             V8 heap still reserved after it, MiB: ${total}`);
  }
  if (report.apiExited) out.push(`  the API died: ${report.apiExited}`);
  const samples = [...report.warmup.samples, ...measured.samples];
  if (samples.length > 0) {
    out.push('');
    out.push('  first failures:');
    for (const sample of samples) out.push(`    ${sample}`);
  }
  out.push('');
  out.push(
    `  targets    unexpected non-2xx 0: ${mark(verdict.unexpected === 0)}  ` +
      `lost, duplicated or inconsistent events 0: ${mark(verdict.logFaults === 0)}  ` +
      `RSS growth < ${RSS_GROWTH_TARGET * 100} %: ${mark(verdict.rss.growth < RSS_GROWTH_TARGET)}  ` +
      `rebuild succeeded: ${mark(rebuild?.exitCode === 0)}`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
  return verdict;
}

function anomalies(tally: Tally): number {
  return [...tally.anomalies.values()].reduce((sum, n) => sum + n, 0);
}

/** The slope of RSS over the readings: a single late reading can be a GC's timing, a slope rarely is. */
function trendMiBPerMinute(readings: RssReading[]): number {
  const n = readings.length;
  if (n < 2) return NaN;
  const meanT = readings.reduce((sum, r) => sum + r.at, 0) / n;
  const meanM = readings.reduce((sum, r) => sum + r.kib / 1024, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const r of readings) {
    covariance += (r.at - meanT) * (r.kib / 1024 - meanM);
    variance += (r.at - meanT) ** 2;
  }
  return (covariance / variance) * 60;
}

function kindLine(kind: string, latency: LatencySummary, unexpected: Map<number, number>): string {
  const failures = [...unexpected].map(([status, n]) => `${status}×${n}`).join(' ') || '0';
  return `${kind.padEnd(20)} ${int(latency.count).padStart(9)} ${ms(latency.p50).padStart(9)} ${ms(latency.p99).padStart(9)} ${ms(latency.max).padStart(9)}  ${failures}`;
}

const int = (n: number): string => Math.round(n).toLocaleString('en');
const ms = (n: number): string => `${n.toFixed(1)} ms`;
const mib = (kib: number | undefined): string => (kib === undefined ? '?' : `${(kib / 1024).toFixed(1)} MiB`);
const pct = (fraction: number): string => `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)} %`;
const mark = (ok: boolean): string => (ok ? 'met' : 'MISSED');
