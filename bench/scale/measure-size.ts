import { Pool } from 'pg';
import { EventStore, type Checkpoint } from '@newsroom/event-store';
import { issueToken } from '../../apps/newsroom-api/src/auth/token-issuer';
import { startApi } from '../projections/api-server';
import { longestHistories, type ReadRun, timeReads } from '../projections/past-reads';
import { timeReadAll } from '../store/catch-up';
import { CpuMeter, type CpuUsage, postgresGroup } from '../support/cpu-meter';
import { type AppendRun, timeAppends } from './append-phase';
import type { ScaleBenchSettings } from './settings';

export interface CatchUpFigures {
  events: number;
  eventsPerSecond: number;
  cpu: CpuUsage;
}

export interface SizeFigures {
  events: number;
  databaseBytes: number;
  appends: AppendRun;
  current: ReadRun;
  past: ReadRun;
  catchUp: CatchUpFigures;
}

/**
 * Everything measured at one size of the log, in the same order each time: a follower catching
 * up on the log's last events, reads through a fresh API process of the current article and of
 * its second revision (the oldest past state that is not the first snapshot), then appends.
 */
export async function measureSize(
  url: string,
  settings: ScaleBenchSettings,
  lastEvents: { after: Checkpoint; count: number },
  postmaster: number | undefined,
  log: (line: string) => void,
): Promise<SizeFigures> {
  const pool = new Pool({ connectionString: url, max: 4 });
  try {
    const { rows } = await pool.query<{ events: string; bytes: string }>(
      'SELECT (SELECT count(*) FROM events) AS events, pg_database_size(current_database()) AS bytes',
    );
    log(`catching up on the last ${lastEvents.count.toLocaleString('en')} events`);
    const catchUp = await timeCatchUp(pool, url, lastEvents, settings.batchSize, postmaster);

    const jwtSecret = `scale-${Date.now()}-secret-of-at-least-32-bytes`;
    const api = await startApi(url, jwtSecret);
    let current: ReadRun;
    let past: ReadRun;
    try {
      const token = await issueToken(jwtSecret, { sub: 'bench-reader', roles: ['reporter'] });
      // Histories of equal length come in id order: random articles across the whole table.
      const histories = await longestHistories(url, settings.readArticles);
      const load = {
        baseUrl: api.baseUrl,
        token,
        histories,
        concurrency: settings.readConcurrency,
        requests: settings.reads,
        groups: { api: { pid: api.pid }, postgres: postgresGroup(postmaster, url), bench: { pid: process.pid } },
      };
      log(`${settings.reads} current reads, ${settings.readConcurrency} in flight`);
      current = await timeReads(load, () => undefined);
      log(`${settings.reads} reads of revision 2`);
      past = await timeReads(load, () => 2);
    } finally {
      await api.stop();
    }
    log(`${settings.writers} writers appending for ${settings.appendSeconds} s`);
    const appends = await timeAppends(url, settings.writers, settings.appendSeconds, postmaster);
    return { events: Number(rows[0].events), databaseBytes: Number(rows[0].bytes), appends, current, past, catchUp };
  } finally {
    await pool.end();
  }
}

async function timeCatchUp(
  pool: Pool,
  url: string,
  { after, count }: { after: Checkpoint; count: number },
  batchSize: number,
  postmaster: number | undefined,
): Promise<CatchUpFigures> {
  const store = new EventStore(pool);
  const meter = new CpuMeter({ follower: { pid: process.pid }, postgres: postgresGroup(postmaster, url) });
  meter.start();
  const run = await timeReadAll(store, after, count, batchSize);
  return { events: run.events, eventsPerSecond: run.eventsPerSecond, cpu: meter.stop() };
}
