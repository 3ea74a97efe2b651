import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { checkLoadedLog, type LoadedStream } from './load-check';
import { LOADED_COLUMNS, type LogRows } from './log-rows';
import type { ProjectionsBenchSettings } from './settings';

/** What a load needs to know: how many articles, edited how many side by side, so many per COPY. */
export type LoadShape = Pick<ProjectionsBenchSettings, 'articles' | 'interleave' | 'articlesPerCopy' | 'copiesAtOnce'>;

/** COPY text handed to the socket at a time: big enough to amortise, small enough to stream. */
const CHUNK_BYTES = 1 << 20;
/** The log's partitions with their indexes and TOAST: a partitioned table's own size is 0. */
const EVENTS_BYTES = `SELECT coalesce(sum(pg_total_relation_size(relid)), 0) AS bytes FROM pg_partition_tree('events')`;
/**
 * Where each COPY lands first: a temporary table with the log's loaded columns and the order the
 * rows came in. From there one INSERT … SELECT moves them into the log (see `loadLog`).
 */
const STAGING = 'loading_events';
const COLUMNS = LOADED_COLUMNS.join(', ');
const CREATE_STAGING = `
  CREATE TEMPORARY TABLE ${STAGING} AS SELECT ${COLUMNS} FROM events WITH NO DATA;
  ALTER TABLE ${STAGING} ADD COLUMN copied bigint GENERATED ALWAYS AS IDENTITY`;
const COPY_STAGED = `COPY ${STAGING} (${COLUMNS}) FROM STDIN`;
/** In COPY order, which is the log's: positions follow revisions in every stream. */
const MOVE_STAGED = `INSERT INTO events (${COLUMNS}) SELECT ${COLUMNS} FROM ${STAGING} ORDER BY copied`;
/** One staged batch (~100 MB of rows for 1,000 articles) sorts in memory. */
const STAGING_WORK_MEM = `SET LOCAL work_mem = '512MB'`;
/** Loaded articles whose chains are verified after the load (see load-check.ts). */
const CHECKED_ARTICLES = 8;

export interface LoadReport {
  events: number;
  seconds: number;
  /** Of the events table with its indexes and TOAST, after the load. */
  tableBytes: number;
}

/**
 * Bulk-loads the log: one COPY per `articlesPerCopy` articles, a fresh uuid per article, each row
 * with its salt, digest and hash (log-rows.ts), `copiesAtOnce` COPYs on connections of their own
 * (PostgreSQL parses, compresses and indexes each COPY's rows on one core).
 *
 * Each COPY goes into a temporary table, and one INSERT … SELECT in the same transaction moves
 * its rows into the log, so that the log's pages are filled as appends fill them. A COPY straight
 * into the log (PostgreSQL 16 and later) writes batches of rows page after page and leaves on
 * about 13 % of pages a gap of 0.7–1.2 KB that no later row of the load went back to; the VACUUM
 * after the load records them all, and at 10^7 events every append of the benchmark then went
 * into one of those old pages (and wrote it whole to the WAL, first touched since the
 * checkpoint). Appends, one row at a time, offer each filled page's gap to the next row that
 * fits: on 10^5 events written so, 1 page in 10,000 kept 700 B free, against ~1,300 for the
 * COPY. The move costs ~1.3 s per 100,000 events (the JSON is parsed and compressed once, in the
 * COPY).
 *
 * Then checks that the log is one the store could have written (load-check.ts). Then
 * VACUUM ANALYZE and a CHECKPOINT, as autovacuum and time would have done to a log written over
 * weeks: otherwise whichever pass reads the log first would pay for setting hint bits and
 * flushing the load's dirty pages.
 */
export async function loadLog(url: string, rows: LogRows, settings: LoadShape, log: (line: string) => void): Promise<LoadReport> {
  const started = performance.now();
  const waves = Math.ceil(settings.articles / settings.interleave);
  const wavesPerCopy = Math.max(1, Math.floor(settings.articlesPerCopy / settings.interleave));
  let events = 0;
  let nextWave = 0;
  let lastLog = started;
  const sample = new StreamSample(CHECKED_ARTICLES);
  const copier = async (): Promise<void> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(CREATE_STAGING);
      while (nextWave < waves) {
        const first = nextWave;
        nextWave = Math.min(waves, first + wavesPerCopy);
        const copied = await copyWaves(client, waveChunks(rows, settings, first, nextWave, sample));
        events += copied;
        if (performance.now() - lastLog > 5000) {
          lastLog = performance.now();
          log(`loaded ${events.toLocaleString('en')} events in ${rate(events, started)}`);
        }
      }
    } finally {
      await client.end();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, settings.copiesAtOnce) }, copier));
  const seconds = (performance.now() - started) / 1000;
  log(`loaded ${events.toLocaleString('en')} events in ${rate(events, started)}`);

  log(`checking the chains of ${sample.streams.length} loaded articles, and the loader against the store`);
  await checkLoadedLog(url, rows, sample.streams);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    log('VACUUM ANALYZE events, CHECKPOINT');
    await client.query('VACUUM (ANALYZE) events');
    await client
      .query('CHECKPOINT')
      .catch(() => log('CHECKPOINT refused (not a superuser): the rebuild may pay for flushing the load'));
    await logGaps(client, log);
    const { rows: size } = await client.query<{ bytes: string }>(EVENTS_BYTES);
    return { events, seconds, tableBytes: Number(size[0].bytes) };
  } finally {
    await client.end();
  }
}

/**
 * The log's pages that still offer an append a gap (700 B: a short text correction's row), as the
 * free-space map has them after the VACUUM: few, and mostly each partition's last page, when the
 * log's pages were filled as appends fill them. Skipped where pg_freespacemap cannot be created.
 */
async function logGaps(client: Client, log: (line: string) => void): Promise<void> {
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_freespacemap');
  } catch {
    return;
  }
  const { rows } = await client.query<{ pages: string; gaps: string }>(
    `SELECT count(*) AS pages, count(*) FILTER (WHERE avail >= 700) AS gaps
     FROM pg_partition_tree('events') AS t, pg_freespace(t.relid) WHERE t.isleaf`,
  );
  log(`free-space map: ${rows[0].gaps} of ${rows[0].pages} pages of the log have 700 B or more free`);
}

function rate(events: number, started: number): string {
  const seconds = (performance.now() - started) / 1000;
  return `${seconds.toFixed(0)} s (${Math.round(events / seconds).toLocaleString('en')}/s)`;
}

/**
 * One COPY of `chunks`, pulled from the generator as the socket drains (memory stays flat), into
 * the emptied staging table, then into the log: one transaction.
 */
async function copyWaves(client: Client, chunks: Iterable<Buffer>): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query(`TRUNCATE ${STAGING}`);
    await client.query(STAGING_WORK_MEM);
    const copy = client.query(copyFrom(COPY_STAGED));
    await pipeline(Readable.from(chunks), copy);
    const moved = await client.query(MOVE_STAGED);
    if (moved.rowCount !== copy.rowCount) throw new Error(`staged ${copy.rowCount} rows, moved ${moved.rowCount}`);
    await client.query('COMMIT');
    return copy.rowCount;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The COPY text of waves [first, last), generated one wave at a time as the socket takes it. */
function* waveChunks(rows: LogRows, settings: LoadShape, first: number, last: number, sample: StreamSample): Generator<Buffer> {
  for (let wave = first; wave < last; wave++) {
    const count = Math.min(settings.interleave, settings.articles - wave * settings.interleave);
    const ids = Array.from({ length: count }, () => randomUUID());
    const pieces: Buffer[] = [];
    const heads = rows.wave(ids, wave, CHUNK_BYTES, (text) => pieces.push(Buffer.from(text)));
    ids.forEach((id, i) => sample.offer({ streamId: `article-${id}`, headHash: heads[i] }));
    yield* pieces;
  }
}

/** A uniform sample of the loaded articles (reservoir sampling): the check reads few, from anywhere in the load. */
class StreamSample {
  readonly streams: LoadedStream[] = [];
  private seen = 0;

  constructor(private readonly size: number) {}

  offer(stream: LoadedStream): void {
    this.seen++;
    if (this.streams.length < this.size) this.streams.push(stream);
    else {
      const slot = Math.floor(Math.random() * this.seen);
      if (slot < this.size) this.streams[slot] = stream;
    }
  }
}
