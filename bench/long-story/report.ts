import { AUDIT, type SizeFigures } from './size-figures';

/** Issue 20's goal: from 10^2 to 10^4 revisions, every figure but /audit's grows by at most this. */
const GOAL = 1.25;
const GOAL_FROM = 100;
const GOAL_TO = 10_000;

const mib = (kib: number): string => (kib / 1024).toFixed(0);
const ms = (value: number): string => (value >= 100 ? value.toFixed(0) : value.toFixed(value >= 10 ? 1 : 2));

/** The table of every call at every size, the ratios against the goal, /audit per 1,000 events and the RSS. */
export function printReport(sizes: readonly SizeFigures[], calls: number): void {
  const from = sizes.find((size) => size.revisions >= GOAL_FROM && size.revisions < GOAL_FROM * 10);
  const to = sizes.find((size) => size.revisions >= GOAL_TO && size.revisions < GOAL_TO * 10);
  const out: string[] = [
    `long story: ${calls} calls of each kind at each size; p50 / p99 ms, and the API process's CPU ms per call`,
    '',
    `| call | ${sizes.map((size) => `${size.revisions.toLocaleString('en')} revisions`).join(' | ')} | ${GOAL_TO.toLocaleString('en')} vs ${GOAL_FROM}: p50, CPU | goal ≤ ${GOAL}× |`,
    `|---|${sizes.map(() => '---|').join('')}---|---|`,
  ];
  for (const name of Object.keys(sizes[0].calls)) {
    const cells = sizes.map((size) => {
      const { p50, p99, cpuMs } = size.calls[name];
      return `${ms(p50)} / ${ms(p99)} · CPU ${ms(cpuMs)}`;
    });
    const ratio = from && to ? ratiosOf(from, to, name) : undefined;
    const verdict = ratio === undefined ? '–' : name === AUDIT ? 'linear (not judged)' : ratio.worst <= GOAL ? 'PASS' : 'MISS';
    out.push(
      `| ${name} | ${cells.join(' | ')} | ${ratio ? `${ratio.p50.toFixed(2)}×, ${ratio.cpu.toFixed(2)}×` : '–'} | ${verdict} |`,
    );
  }
  out.push('', '/audit per 1,000 events (p50 ms, CPU ms), and the API’s RSS before → after the /audit calls:');
  for (const size of sizes) {
    const { p50, cpuMs } = size.calls[AUDIT];
    const thousands = size.revisions / 1000;
    out.push(
      `  ${size.revisions.toLocaleString('en').padStart(7)} revisions: ${ms(p50 / thousands)} ms, CPU ${ms(cpuMs / thousands)} ms; RSS ${mib(size.rssKiB.beforeAudit)} → ${mib(size.rssKiB.afterAudit)} MiB`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

function ratiosOf(from: SizeFigures, to: SizeFigures, name: string): { p50: number; cpu: number; worst: number } {
  const p50 = to.calls[name].p50 / from.calls[name].p50;
  const cpu = to.calls[name].cpuMs / from.calls[name].cpuMs;
  return { p50, cpu, worst: Math.max(p50, cpu) };
}
