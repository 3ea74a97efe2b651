import { randomFillSync, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ARTICLE_SCHEMA_VERSION } from '@newsroom/articles';
import type { TemplateEvent } from './article-template';
import { contentDigestOf, eventHash, jsonbTexts } from './chain-links';

/**
 * The columns the load writes, named: position and transaction_id are left to the database. The
 * salt, digest and hash are written here (chain-links.ts), as the store's append writes them:
 * the chain's row trigger, which fills them only when an insert leaves them empty, stays out.
 */
export const LOADED_COLUMNS = [
  'stream_id',
  'revision',
  'type',
  'data',
  'metadata',
  'idempotency_key',
  'recorded_at',
  'salt',
  'content_digest',
  'hash',
] as const;

export const COPY_EVENTS = `COPY events (${LOADED_COLUMNS.join(', ')}) FROM STDIN`;

const LOG_START = Date.parse('2024-01-08T06:00:00.000Z');
/** Between two edits of one article. */
const EDIT_GAP_MS = 3 * 60_000;
/** Stands for each event's correlation id while the metadata is printed as jsonb: a uuid's shape, so keys sort alike. */
const CORRELATION_SLOT = 'ffffffff-ffff-4fff-bfff-ffffffffffff';
/** uuid_send(gen_random_uuid()): what the store salts each event with. */
const SALT_BYTES = 16;

/**
 * One template event with its JSON already printed as PostgreSQL prints jsonb, and escaped for
 * COPY's text format: only the stream, the correlation id, the salt and the time differ from one
 * article to the next, so a million events cost a million string concatenations and two hashes
 * each rather than a million JSON.stringify calls.
 */
interface EncodedEvent {
  revision: number;
  type: string;
  revisionAndType: string;
  data: string;
  metadataBefore: string;
  metadataAfter: string;
  /** What the content digest hashes after the salt, before and after the correlation id. */
  digestBefore: Buffer;
  digestAfter: Buffer;
}

/** The metadata the API writes, as JSON, with `correlationId` to splice in per event. */
export function templateMetadata({ actor, reason }: TemplateEvent, correlationId: string): string {
  return JSON.stringify({
    actor,
    reason,
    correlationId,
    causationId: null,
    idempotencyKey: null,
    schemaVersion: ARTICLE_SCHEMA_VERSION,
  });
}

/**
 * Writes the log's rows in COPY text format, in the order a newsroom would have written them:
 * articles come in waves of `interleave` edited side by side, each wave's events alternating
 * between its articles, and every row's time follows its position. Each row carries its salt,
 * content digest and its link in its stream's hash chain, computed here in stream order.
 */
export class LogRows {
  readonly eventsPerArticle: number;

  private constructor(
    /** The article every loaded one repeats. */
    readonly template: readonly TemplateEvent[],
    private readonly encoded: readonly EncodedEvent[],
    private readonly interleave: number,
  ) {
    this.eventsPerArticle = encoded.length;
  }

  /** The template's rows, with their JSON printed by the server at `url` (see jsonbTexts). */
  static async create(url: string, template: readonly TemplateEvent[], interleave: number): Promise<LogRows> {
    const client = new Client({ connectionString: url });
    await client.connect();
    let data: string[];
    let metadata: string[];
    try {
      data = await jsonbTexts(
        client,
        template.map(({ event }) => JSON.stringify(event.data)),
      );
      metadata = await jsonbTexts(
        client,
        template.map((event) => templateMetadata(event, CORRELATION_SLOT)),
      );
    } finally {
      await client.end();
    }
    const encoded = template.map(({ event }, index) => {
      const [before, after, ...more] = metadata[index].split(CORRELATION_SLOT);
      if (after === undefined || more.length > 0) throw new Error('the correlation id must appear once in the metadata');
      return {
        revision: index + 1,
        type: event.type,
        revisionAndType: `\t${index + 1}\t${event.type}\t`,
        data: copyText(data[index]),
        metadataBefore: copyText(before),
        metadataAfter: copyText(after),
        digestBefore: Buffer.from(`${data[index]}\n${before}`, 'utf8'),
        digestAfter: Buffer.from(after, 'utf8'),
      };
    });
    return new LogRows(template, encoded, interleave);
  }

  /**
   * COPY text for the articles `ids` (one wave, at most `interleave` of them), the `wave`-th of
   * the log; `flush` receives it in pieces of about `chunkBytes`. Answers each article's last
   * hash (hex), its chain's head.
   */
  wave(ids: readonly string[], wave: number, chunkBytes: number, flush: (text: string) => void): string[] {
    const waveStart = LOG_START + wave * this.eventsPerArticle * EDIT_GAP_MS;
    const stagger = Math.floor(EDIT_GAP_MS / this.interleave);
    const streams = ids.map((id) => `article-${id}`);
    const previous: Buffer[] = ids.map(() => Buffer.alloc(0));
    const salts = randomFillSync(Buffer.alloc(SALT_BYTES * ids.length * this.encoded.length));
    let text = '';
    for (let index = 0; index < this.encoded.length; index++) {
      const event = this.encoded[index];
      for (let article = 0; article < streams.length; article++) {
        const recordedAt = new Date(waveStart + index * EDIT_GAP_MS + article * stagger).toISOString();
        const correlationId = randomUUID();
        const at = SALT_BYTES * (index * streams.length + article);
        const salt = salts.subarray(at, at + SALT_BYTES);
        const digest = contentDigestOf(salt)
          .update(event.digestBefore)
          .update(correlationId, 'latin1')
          .update(event.digestAfter)
          .digest();
        const hash = eventHash(event.revision, event.type, digest, previous[article]);
        previous[article] = hash;
        text +=
          streams[article] +
          event.revisionAndType +
          event.data +
          '\t' +
          event.metadataBefore +
          correlationId +
          event.metadataAfter +
          '\t\\N\t' +
          recordedAt +
          '\t\\\\x' +
          salt.toString('hex') +
          '\t\\\\x' +
          digest.toString('hex') +
          '\t\\\\x' +
          hash.toString('hex') +
          '\n';
        if (text.length >= chunkBytes) {
          flush(text);
          text = '';
        }
      }
    }
    if (text.length > 0) flush(text);
    return previous.map((hash) => hash.toString('hex'));
  }
}

/** COPY's text format: backslash is the escape; JSON has no raw tabs or newlines to escape. */
function copyText(json: string): string {
  return json.replace(/\\/g, '\\\\');
}
