import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Pool, type PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { EventStore, verifyStream } from '@newsroom/event-store';
import { contentDigestOf, eventHash } from './chain-links';
import { COPY_EVENTS, type LogRows, templateMetadata } from './log-rows';

/** A loaded article and the head of its chain as the loader computed it. */
export interface LoadedStream {
  streamId: string;
  headHash: string;
}

interface StoredRow {
  revision: number;
  type: string;
  data: string;
  metadata: string;
  salt: Buffer;
  content_digest: Buffer;
  hash: Buffer;
}

const STORED_ROWS = `SELECT revision, type, data::text AS data, metadata::text AS metadata, salt, content_digest, hash
  FROM events WHERE stream_id = $1 ORDER BY revision`;

/**
 * Proves a bulk load wrote the log the store would have: the sampled streams' chains verify in
 * the database (the audit's own check: every link, every content digest) and end on the head the
 * loader computed; and, in a transaction rolled back, one article appended through EventStore and
 * the same article as the loader writes it hold the same data and metadata (the correlation ids
 * apart), while the store's digests and hashes are exactly what chain-links.ts computes from the
 * store's own salts. Throws on the first difference.
 */
export async function checkLoadedLog(url: string, rows: LogRows, sample: readonly LoadedStream[]): Promise<void> {
  const pool = new Pool({ connectionString: url, max: 2 });
  try {
    for (const { streamId, headHash } of sample) {
      const audit = await verifyStream(pool, streamId);
      if (!audit.verified) throw new Error(`loaded stream ${streamId} breaks its chain at revision ${audit.brokenAt}`);
      if (audit.revisions !== rows.eventsPerArticle || audit.headHash !== headHash) {
        throw new Error(
          `loaded stream ${streamId}: ${audit.revisions} revisions ending on ${audit.headHash}, loader had ${headHash}`,
        );
      }
    }
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await compareWithStore(pool, client, rows);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  } finally {
    await pool.end();
  }
}

async function compareWithStore(pool: Pool, client: PoolClient, rows: LogRows): Promise<void> {
  const { template } = rows;
  const stored = `article-${randomUUID()}`;
  const events = template.map((event) => ({
    type: event.event.type,
    data: event.event.data as unknown as Record<string, unknown>,
    metadata: JSON.parse(templateMetadata(event, randomUUID())),
  }));
  await new EventStore(pool).append(stored, events, { expectedRevision: 'no-stream' }, client);
  const loadedId = randomUUID();
  const chunks: Buffer[] = [];
  rows.wave([loadedId], 0, 1 << 20, (text) => chunks.push(Buffer.from(text)));
  await pipeline(Readable.from(chunks), client.query(copyFrom(COPY_EVENTS)));

  const fromStore = (await client.query<StoredRow>(STORED_ROWS, [stored])).rows;
  const fromLoad = (await client.query<StoredRow>(STORED_ROWS, [`article-${loadedId}`])).rows;
  if (fromStore.length !== template.length || fromLoad.length !== template.length) {
    throw new Error(`store wrote ${fromStore.length} events, load ${fromLoad.length}, template has ${template.length}`);
  }
  let previous: Buffer = Buffer.alloc(0);
  for (const [i, store] of fromStore.entries()) {
    const load = fromLoad[i];
    const digest = contentDigestOf(store.salt).update(`${store.data}\n${store.metadata}`, 'utf8').digest();
    const hash = eventHash(store.revision, store.type, digest, previous);
    previous = hash;
    const differences = [
      store.type !== load.type && 'type',
      store.data !== load.data && 'data',
      withoutCorrelation(store.metadata) !== withoutCorrelation(load.metadata) && 'metadata',
      !digest.equals(store.content_digest) && 'the store’s digest, recomputed here',
      !hash.equals(store.hash) && 'the store’s hash, recomputed here',
    ].filter(Boolean);
    if (differences.length > 0)
      throw new Error(`revision ${store.revision}: loader and store differ in ${differences.join(', ')}`);
  }
  for (const streamId of [stored, `article-${loadedId}`]) {
    const audit = await verifyStream(client, streamId);
    if (!audit.verified) throw new Error(`${streamId} breaks its chain at revision ${audit.brokenAt}`);
  }
}

function withoutCorrelation(metadata: string): string {
  return metadata.replace(/"correlationId": "[0-9a-f-]{36}"/, '"correlationId": ""');
}
