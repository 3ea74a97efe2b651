import 'reflect-metadata';
import { loadavg } from 'node:os';
import { Pool } from 'pg';
import type { Checkpoint } from '@newsroom/event-store';
import { benchLogger, runBench } from '../support/bench-main';
import { postmasterPid } from '../support/cpu-meter';
import { median } from '../support/median';
import { assertBuilt } from '../projections/api-server';
import { measureSize, type SizeFigures } from './measure-size';
import { loadScaleBenchSettings } from './settings';

const log = benchLogger('bench:scale:alternate');

/**
 * `npm run bench:scale:alternate -- <small url> <large url>`: two databases that `bench:scale`
 * grew and kept (BENCH_KEEP_DATABASE=1), measured in turn, `BENCH_ROUNDS` times (5), so that
 * each pair of runs shares the machine's load of the moment: on two shared cores the load swings
 * several-fold within a sequential run, and only back-to-back pairs compare. Each figure's ratio
 * is the median of the pairs' ratios (large over small for rates, small over large for costs;
 * the goal is ≥ 0.8). The catch-up reads the same last events of each log every round: those
 * that were there before this run's appends.
 */
async function main(): Promise<void> {
  const urls = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  if (urls.length !== 2) throw new Error('usage: bench:scale:alternate -- <small database url> <large database url>');
  assertBuilt();
  const settings = loadScaleBenchSettings();
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  const logs = await Promise.all(urls.map((url) => lastEventsOf(url, settings.catchUpEvents)));
  const postmaster = await postmasterPid(urls[0]);
  const runs: Array<[SizeFigures, SizeFigures]> = [];
  for (let round = 1; round <= rounds; round++) {
    const pair: SizeFigures[] = [];
    for (const [i, url] of urls.entries()) {
      log(`round ${round} of ${rounds}, ${i === 0 ? 'small' : 'large'} log (load average ${loadAverage()})`);
      pair.push(await measureSize(url, settings, logs[i], postmaster, log));
    }
    runs.push([pair[0], pair[1]]);
    process.stdout.write(`BENCH_SCALE_PAIR_JSON ${JSON.stringify(pair)}\n`);
  }
  printRatios(runs);
}

/** The checkpoint before the log's last `count` events, and that count. */
async function lastEventsOf(url: string, count: number): Promise<{ after: Checkpoint; count: number }> {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    const { rows } = await pool.query<Checkpoint>(
      `SELECT transaction_id::text AS "transactionId", position::float8 AS position
       FROM events ORDER BY transaction_id DESC, position DESC OFFSET $1 LIMIT 1`,
      [count],
    );
    if (rows.length === 0) throw new Error(`${url}: fewer than ${count} events`);
    return { after: rows[0], count };
  } finally {
    await pool.end();
  }
}

function loadAverage(): string {
  return loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');
}

type Figure = [name: string, of: (s: SizeFigures) => number, kind: 'rate' | 'cost'];

const perOp = (seconds: number, count: number) => (seconds * 1000) / count;
const FIGURES: Figure[] = [
  ['appends/s', (s) => s.appends.appendsPerSecond, 'rate'],
  ['PG CPU ms/append', (s) => perOp(s.appends.cpu.groups.postgres, s.appends.appends), 'cost'],
  ['client CPU ms/append', (s) => perOp(s.appends.cpu.groups.appenders, s.appends.appends), 'cost'],
  ['append p50 ms', (s) => s.appends.p50, 'cost'],
  ['append p99 ms', (s) => s.appends.p99, 'cost'],
  ['current read p50 ms', (s) => s.current.p50, 'cost'],
  ['current read p99 ms', (s) => s.current.p99, 'cost'],
  ['PG CPU ms/current read', (s) => perOp(s.current.cpu.groups.postgres, s.current.count), 'cost'],
  ['API CPU ms/current read', (s) => perOp(s.current.cpu.groups.api, s.current.count), 'cost'],
  ['revision 2 p50 ms', (s) => s.past.p50, 'cost'],
  ['revision 2 p99 ms', (s) => s.past.p99, 'cost'],
  ['PG CPU ms/revision-2 read', (s) => perOp(s.past.cpu.groups.postgres, s.past.count), 'cost'],
  ['API CPU ms/revision-2 read', (s) => perOp(s.past.cpu.groups.api, s.past.count), 'cost'],
  ['catch-up events/s', (s) => s.catchUp.eventsPerSecond, 'rate'],
  ['PG CPU µs/caught-up event', (s) => perOp(s.catchUp.cpu.groups.postgres, s.catchUp.events) * 1000, 'cost'],
  ['follower CPU µs/caught-up event', (s) => perOp(s.catchUp.cpu.groups.follower, s.catchUp.events) * 1000, 'cost'],
];

function printRatios(runs: Array<[SizeFigures, SizeFigures]>): void {
  const out = (line = '') => process.stdout.write(`${line}\n`);
  const [small, large] = [runs[0][0].events, runs[0][1].events].map((n) => n.toLocaleString('en'));
  out(`\n| figure (median of ${runs.length}) | ${small} | ${large} | ratio (median of pairs; goal ≥ 0.8) |`);
  out('|---|---|---|---|');
  for (const [name, of, kind] of FIGURES) {
    const ratios = runs.map(([s, l]) => (kind === 'rate' ? of(l) / of(s) : of(s) / of(l)));
    const fmt = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en') : x.toFixed(x >= 10 ? 1 : 3));
    const ratio = median(ratios);
    out(
      `| ${name} | ${fmt(median(runs.map(([s]) => of(s))))} | ${fmt(median(runs.map(([, l]) => of(l))))} | ` +
        `${ratio.toFixed(2)} ${ratio >= 0.8 ? '' : '**MISS**'} (${ratios.map((r) => r.toFixed(2)).join(', ')}) |`,
    );
  }
}

runBench('bench:scale:alternate', main);
