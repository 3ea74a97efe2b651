import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { checkLoadedLog, type LoadedStream } from './load-check';
import { COPY_EVENTS, type LogRows } from './log-rows';
import type { ProjectionsBenchSettings } from './settings';

/** What a load needs to know: how many articles, edited how many side by side, so many per COPY. */
export type LoadShape = Pick<ProjectionsBenchSettings, 'articles' | 'interleave' | 'articlesPerCopy' | 'copiesAtOnce'>;

/** COPY text handed to the socket at a time: big enough to amortise, small enough to stream. */
const CHUNK_BYTES = 1 << 20;
/** The log's partitions with their indexes and TOAST: a partitioned table's own size is 0. */
const EVENTS_BYTES = `SELECT coalesce(sum(pg_total_relation_size(relid)), 0) AS bytes FROM pg_partition_tree('events')`;
/** Loaded articles whose chains are verified after the load (see load-check.ts). */
const CHECKED_ARTICLES = 8;

export interface LoadReport {
  events: number;
  seconds: number;
  /** Of the events table with its indexes and TOAST, after the load. */
  tableBytes: number;
}

/**
 * Bulk-loads the log: one COPY (and so one transaction) per `articlesPerCopy` articles, a fresh
 * uuid per article, each row with its salt, digest and hash (log-rows.ts), `copiesAtOnce` COPYs
 * on connections of their own (PostgreSQL parses, compresses and indexes each COPY's rows on
 * one core); then checks that the log is one the store could have written (load-check.ts). Then
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
    const { rows: size } = await client.query<{ bytes: string }>(EVENTS_BYTES);
    return { events, seconds, tableBytes: Number(size[0].bytes) };
  } finally {
    await client.end();
  }
}

function rate(events: number, started: number): string {
  const seconds = (performance.now() - started) / 1000;
  return `${seconds.toFixed(0)} s (${Math.round(events / seconds).toLocaleString('en')}/s)`;
}

/** One COPY of `chunks`, pulled from the generator as the socket drains: memory stays flat. */
async function copyWaves(client: Client, chunks: Iterable<Buffer>): Promise<number> {
  const copy = client.query(copyFrom(COPY_EVENTS));
  await pipeline(Readable.from(chunks), copy);
  return copy.rowCount;
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
