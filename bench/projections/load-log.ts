import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { COPY_EVENTS, LogRows } from './log-rows';
import type { ProjectionsBenchSettings } from './settings';

/** What a load needs to know: how many articles, edited how many side by side, so many per COPY. */
export type LoadShape = Pick<ProjectionsBenchSettings, 'articles' | 'interleave' | 'articlesPerCopy'>;

/** COPY text handed to the socket at a time: big enough to amortise, small enough to stream. */
const CHUNK_BYTES = 1 << 20;

export interface LoadReport {
  events: number;
  seconds: number;
  /** Of the events table with its indexes and TOAST, after the load. */
  tableBytes: number;
}

/**
 * Bulk-loads the log: one COPY (and so one transaction) per `articlesPerCopy` articles, a fresh
 * uuid per article. Then VACUUM ANALYZE and a CHECKPOINT, as autovacuum and time would have
 * done to a log written over weeks: otherwise whichever pass reads the log first would pay for
 * setting hint bits and flushing the load's dirty pages.
 */
export async function loadLog(url: string, rows: LogRows, settings: LoadShape, log: (line: string) => void): Promise<LoadReport> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    const waves = Math.ceil(settings.articles / settings.interleave);
    const wavesPerCopy = Math.max(1, Math.floor(settings.articlesPerCopy / settings.interleave));
    let events = 0;
    let lastLog = started;
    for (let first = 0; first < waves; first += wavesPerCopy) {
      const last = Math.min(waves, first + wavesPerCopy);
      events += await copyWaves(client, waveChunks(rows, settings, first, last));
      if (performance.now() - lastLog > 5000 || last === waves) {
        lastLog = performance.now();
        const seconds = (lastLog - started) / 1000;
        log(
          `loaded ${events.toLocaleString('en')} events in ${seconds.toFixed(0)} s (${Math.round(events / seconds).toLocaleString('en')}/s)`,
        );
      }
    }
    const seconds = (performance.now() - started) / 1000;
    log('VACUUM ANALYZE events, CHECKPOINT');
    await client.query('VACUUM (ANALYZE) events');
    await client
      .query('CHECKPOINT')
      .catch(() => log('CHECKPOINT refused (not a superuser): the rebuild may pay for flushing the load'));
    const { rows: size } = await client.query<{ bytes: string }>(`SELECT pg_total_relation_size('events') AS bytes`);
    return { events, seconds, tableBytes: Number(size[0].bytes) };
  } finally {
    await client.end();
  }
}

/** One COPY of `chunks`, pulled from the generator as the socket drains: memory stays flat. */
async function copyWaves(client: Client, chunks: Iterable<Buffer>): Promise<number> {
  const copy = client.query(copyFrom(COPY_EVENTS));
  await pipeline(Readable.from(chunks), copy);
  return copy.rowCount;
}

/** The COPY text of waves [first, last), generated one wave at a time as the socket takes it. */
function* waveChunks(rows: LogRows, settings: LoadShape, first: number, last: number): Generator<Buffer> {
  for (let wave = first; wave < last; wave++) {
    const count = Math.min(settings.interleave, settings.articles - wave * settings.interleave);
    const ids = Array.from({ length: count }, () => randomUUID());
    const pieces: Buffer[] = [];
    rows.wave(ids, wave, CHUNK_BYTES, (text) => pieces.push(Buffer.from(text)));
    yield* pieces;
  }
}
