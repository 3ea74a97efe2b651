import type { CpuUsage } from '../support/cpu-meter';
import type { SizeFigures } from './measure-size';

export interface ScaleStep extends SizeFigures {
  loadSeconds: number;
  rebuildSeconds: number;
}

/** The goal: each figure at the largest size within this factor of the smallest's. */
const FLAT = 0.8;

const ms = (x: number) => x.toFixed(2);
const cpuMs = (cpu: CpuUsage, group: string, per: number) => ((cpu.groups[group] * 1000) / per).toFixed(3);
const count = (x: number) => Math.round(x).toLocaleString('en');

/** One line per size, then each figure's ratio largest/smallest against the goal, then JSON. */
export function printReport(server: string, eventsPerArticle: number, steps: ScaleStep[]): void {
  const out = (line = '') => process.stdout.write(`${line}\n`);
  out(`bench:scale on ${server}; ${eventsPerArticle} events per article`);
  out(
    '| events | disk | load s | rebuild s | appends/s (CPU ms/append PG, client) | p50/p99 ms | current read p50/p99 ms (CPU ms/read API, PG) | revision 2 p50/p99 ms (CPU) | catch-up events/s (CPU µs/event PG, follower) |',
  );
  out('|---|---|---|---|---|---|---|---|---|');
  for (const s of steps) {
    const a = s.appends;
    const read = (r: SizeFigures['current']) =>
      `${ms(r.p50)} / ${ms(r.p99)} (${cpuMs(r.cpu, 'api', r.count)}, ${cpuMs(r.cpu, 'postgres', r.count)})`;
    const c = s.catchUp;
    const perEvent = (group: string) => ((c.cpu.groups[group] * 1e6) / c.events).toFixed(1);
    out(
      `| ${count(s.events)} | ${(s.databaseBytes / 2 ** 30).toFixed(2)} GiB | ${s.loadSeconds.toFixed(0)} | ${s.rebuildSeconds.toFixed(0)} | ` +
        `${count(a.appendsPerSecond)} (${cpuMs(a.cpu, 'postgres', a.appends)}, ${cpuMs(a.cpu, 'appenders', a.appends)}) | ${ms(a.p50)} / ${ms(a.p99)} | ` +
        `${read(s.current)} | ${read(s.past)} | ${count(c.eventsPerSecond)} (${perEvent('postgres')}, ${perEvent('follower')}) |`,
    );
  }
  if (steps.length > 1) {
    const [first, last] = [steps[0], steps[steps.length - 1]];
    // Rates: largest over smallest. Latencies and CPU per operation: smallest over largest. ≥ 0.8 is flat.
    const figures: Array<[string, number, number, 'rate' | 'cost']> = [
      ['append rate', first.appends.appendsPerSecond, last.appends.appendsPerSecond, 'rate'],
      [
        'append PG CPU/op',
        first.appends.cpu.groups.postgres / first.appends.appends,
        last.appends.cpu.groups.postgres / last.appends.appends,
        'cost',
      ],
      ['current read p50', first.current.p50, last.current.p50, 'cost'],
      ['current read p99', first.current.p99, last.current.p99, 'cost'],
      ['revision 2 p50', first.past.p50, last.past.p50, 'cost'],
      ['revision 2 p99', first.past.p99, last.past.p99, 'cost'],
      ['catch-up rate', first.catchUp.eventsPerSecond, last.catchUp.eventsPerSecond, 'rate'],
    ];
    out();
    out(`${count(last.events)} against ${count(first.events)} events (goal ≥ ${FLAT}):`);
    for (const [name, small, large, kind] of figures) {
      const ratio = kind === 'rate' ? large / small : small / large;
      out(`  ${name}: ${ratio.toFixed(2)} ${ratio >= FLAT ? 'PASS' : 'MISS'}`);
    }
  }
  out(`BENCH_SCALE_JSON ${JSON.stringify(steps)}`);
}
