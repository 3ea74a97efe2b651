import { Pool } from 'pg';
import { type Checkpoint, START } from '@newsroom/event-store';
import { loadLog } from '../projections/load-log';
import type { LogRows } from '../projections/log-rows';
import { LAST_CHECKPOINT } from '../store/catch-up';
import type { ScaleBenchSettings } from './settings';

export interface Growth {
  /** Where the log ended before its last `catchUpEvents` events: a follower's starting point. */
  beforeLast: Checkpoint;
  /** How many events came after it: the last load's. */
  lastEvents: number;
  seconds: number;
  events: number;
}

/**
 * Grows the log by `events` (whole articles of the template) with COPY: all but the last
 * `catchUp` first, then those, so that a follower can be timed on exactly them.
 */
export async function growLog(
  url: string,
  rows: LogRows,
  settings: ScaleBenchSettings,
  events: number,
  catchUp: number,
  log: (line: string) => void,
): Promise<Growth> {
  const articlesOf = (count: number) => Math.max(0, Math.round(count / rows.eventsPerArticle));
  const load = (articles: number) =>
    articles === 0
      ? Promise.resolve({ events: 0, seconds: 0, tableBytes: 0 })
      : loadLog(url, rows, { ...settings, articles }, log);
  const first = await load(articlesOf(events - catchUp));
  const beforeLast = await lastCheckpoint(url);
  const last = await load(articlesOf(catchUp));
  return { beforeLast, lastEvents: last.events, seconds: first.seconds + last.seconds, events: first.events + last.events };
}

async function lastCheckpoint(url: string): Promise<Checkpoint> {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    const { rows } = await pool.query<Checkpoint>(LAST_CHECKPOINT);
    return rows[0] ?? START;
  } finally {
    await pool.end();
  }
}
