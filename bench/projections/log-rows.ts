import { randomUUID } from 'node:crypto';
import { ARTICLE_SCHEMA_VERSION } from '@newsroom/articles';
import type { TemplateEvent } from './article-template';

/**
 * The columns the load writes, named: position, transaction_id and any column added later with
 * a default or a BEFORE INSERT trigger (such as a hash chain) are left to the database.
 */
export const LOADED_COLUMNS = ['stream_id', 'revision', 'type', 'data', 'metadata', 'idempotency_key', 'recorded_at'] as const;

export const COPY_EVENTS = `COPY events (${LOADED_COLUMNS.join(', ')}) FROM STDIN`;

const LOG_START = Date.parse('2024-01-08T06:00:00.000Z');
/** Between two edits of one article. */
const EDIT_GAP_MS = 3 * 60_000;
const CORRELATION_SLOT = '<correlation-id>';

/**
 * One template event with its JSON already written and escaped for COPY's text format: only
 * the stream, the correlation id and the time differ from one article to the next, so a
 * million events cost a million string concatenations rather than a million JSON.stringify calls.
 */
interface EncodedEvent {
  revisionAndType: string;
  data: string;
  metadataBefore: string;
  metadataAfter: string;
}

/**
 * Writes the log's rows in COPY text format, in the order a newsroom would have written them:
 * articles come in waves of `interleave` edited side by side, each wave's events alternating
 * between its articles, and every row's time follows its position. Each stream's revisions go
 * in in order, so a BEFORE INSERT trigger that chains a row to its stream's previous one (a hash
 * chain) finds that row: PostgreSQL shows a row trigger the rows its own COPY inserted before.
 */
export class LogRows {
  private readonly encoded: EncodedEvent[];
  readonly eventsPerArticle: number;

  constructor(
    template: readonly TemplateEvent[],
    private readonly interleave: number,
  ) {
    this.eventsPerArticle = template.length;
    this.encoded = template.map(({ event, actor, reason }, index) => {
      // The metadata the API writes, with a correlation id spliced in per event.
      const [before, after] = JSON.stringify({
        actor,
        reason,
        correlationId: CORRELATION_SLOT,
        causationId: null,
        idempotencyKey: null,
        schemaVersion: ARTICLE_SCHEMA_VERSION,
      }).split(CORRELATION_SLOT);
      return {
        revisionAndType: `\t${index + 1}\t${event.type}\t`,
        data: copyText(JSON.stringify(event.data)),
        metadataBefore: copyText(before),
        metadataAfter: copyText(after),
      };
    });
  }

  /**
   * COPY text for the articles `ids` (one wave, at most `interleave` of them), the `wave`-th of
   * the log; `flush` receives it in pieces of about `chunkBytes`.
   */
  wave(ids: readonly string[], wave: number, chunkBytes: number, flush: (text: string) => void): void {
    const waveStart = LOG_START + wave * this.eventsPerArticle * EDIT_GAP_MS;
    const stagger = Math.floor(EDIT_GAP_MS / this.interleave);
    const streams = ids.map((id) => `article-${id}`);
    let text = '';
    for (let index = 0; index < this.encoded.length; index++) {
      const event = this.encoded[index];
      for (let article = 0; article < streams.length; article++) {
        const recordedAt = new Date(waveStart + index * EDIT_GAP_MS + article * stagger).toISOString();
        text +=
          streams[article] +
          event.revisionAndType +
          event.data +
          '\t' +
          event.metadataBefore +
          randomUUID() +
          event.metadataAfter +
          '\t\\N\t' +
          recordedAt +
          '\n';
        if (text.length >= chunkBytes) {
          flush(text);
          text = '';
        }
      }
    }
    if (text.length > 0) flush(text);
  }
}

/** COPY's text format: backslash is the escape; JSON has no raw tabs or newlines to escape. */
function copyText(json: string): string {
  return json.replace(/\\/g, '\\\\');
}
