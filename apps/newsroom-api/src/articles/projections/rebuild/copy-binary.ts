import type { ArticleRow, CorrectionRow, FieldChangeRow, RevisionRow, TermsRow } from '../read-model-rows';

/**
 * Read-model rows in COPY's binary format: each value as its length and its bytes, so nothing is
 * escaped, and no text of a whole batch is built and then encoded again. The text format cost the
 * rebuild more than its fold: every text field tested for special characters, each snapshot's
 * JSON (a few kilobytes, every backslash doubled) copied once more, and the batch's text flattened
 * and encoded to UTF-8 in one more pass. PostgreSQL reads the values as the text format's would
 * be: text and jsonb from the same UTF-8 (jsonb parsed from its text, as its input function
 * does), numbers, times and uuids from their binary form.
 */
export interface CopyLayout<Row> {
  /** The column list of the COPY statement, in the order `write` writes them. */
  columns: string;
  write(out: CopyWriter, row: Row): void;
}

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const TEXT_OID = 25;
const TWO_32 = 2 ** 32;
/** PostgreSQL counts time in microseconds from 2000-01-01 UTC. */
const POSTGRES_EPOCH_MS = Date.UTC(2000, 0, 1);
const UUID = /^\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/i;

/** A COPY binary stream, written into one buffer that grows as needed. */
export class CopyWriter {
  /** Rows begun so far. */
  rows = 0;
  private buffer: Buffer;
  private at = 0;
  private lastUuid?: string;
  private readonly uuidBytes = Buffer.alloc(16);

  constructor(sizeHint = 1 << 16) {
    this.buffer = Buffer.allocUnsafe(Math.max(sizeHint, 64));
    this.buffer.set(SIGNATURE, 0);
    this.buffer.writeInt32BE(0, 11); // flags
    this.buffer.writeInt32BE(0, 15); // header extension length
    this.at = 19;
  }

  row(fields: number): void {
    this.rows += 1;
    this.reserve(2);
    this.buffer.writeInt16BE(fields, this.at);
    this.at += 2;
  }

  int4(value: number): void {
    this.reserve(8);
    this.buffer.writeInt32BE(4, this.at);
    this.buffer.writeInt32BE(value, this.at + 4);
    this.at += 8;
  }

  int8(value: number): void {
    if (!Number.isSafeInteger(value)) throw new RangeError(`${value} is not a safe integer`);
    this.reserve(12);
    this.buffer.writeInt32BE(8, this.at);
    this.int64(value);
  }

  text(value: string | null | undefined): void {
    if (value === null || value === undefined) return this.null();
    this.reserve(4 + value.length * 3);
    const length = this.buffer.write(value, this.at + 4);
    this.buffer.writeInt32BE(length, this.at);
    this.at += 4 + length;
  }

  /** A jsonb value: version 1, then its JSON text. */
  jsonb(value: unknown): void {
    if (value === null || value === undefined) return this.null();
    const json = JSON.stringify(value);
    this.reserve(5 + json.length * 3);
    this.buffer[this.at + 4] = 1;
    const length = this.buffer.write(json, this.at + 5);
    this.buffer.writeInt32BE(length + 1, this.at);
    this.at += 5 + length;
  }

  /** A timestamptz from ISO text, which carries milliseconds at most. */
  timestamptz(iso: string): void {
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) throw new RangeError(`${iso} is not a time`);
    this.reserve(12);
    this.buffer.writeInt32BE(8, this.at);
    this.int64((ms - POSTGRES_EPOCH_MS) * 1000);
  }

  /** A uuid: an article's rows come one after another, so the last one's bytes are kept. */
  uuid(value: string): void {
    if (value !== this.lastUuid) {
      const parts = UUID.exec(value);
      if (!parts) throw new RangeError(`${value} is not a uuid`);
      this.uuidBytes.write(parts.slice(1).join(''), 'hex');
      this.lastUuid = value;
    }
    this.reserve(20);
    this.buffer.writeInt32BE(16, this.at);
    this.buffer.set(this.uuidBytes, this.at + 4);
    this.at += 20;
  }

  /** A one-dimensional text[] without NULLs. */
  textArray(values: readonly string[]): void {
    const start = this.at;
    this.reserve(24);
    this.at += 4;
    this.buffer.writeInt32BE(values.length === 0 ? 0 : 1, this.at); // dimensions
    this.buffer.writeInt32BE(0, this.at + 4); // no NULLs
    this.buffer.writeInt32BE(TEXT_OID, this.at + 8);
    this.at += 12;
    if (values.length > 0) {
      this.buffer.writeInt32BE(values.length, this.at);
      this.buffer.writeInt32BE(1, this.at + 4); // lower bound
      this.at += 8;
    }
    for (const value of values) this.text(value);
    this.buffer.writeInt32BE(this.at - start - 4, start);
  }

  /** Bytes written so far. */
  get size(): number {
    return this.at;
  }

  /** The stream, ended: its buffer is the writer's, not a copy. */
  end(): Buffer {
    this.reserve(2);
    this.buffer.writeInt16BE(-1, this.at);
    this.at += 2;
    return this.buffer.subarray(0, this.at);
  }

  private null(): void {
    this.reserve(4);
    this.buffer.writeInt32BE(-1, this.at);
    this.at += 4;
  }

  /** A signed 64-bit integer at the cursor, as two 32-bit halves (exact for safe integers). */
  private int64(value: number): void {
    const high = Math.floor(value / TWO_32);
    this.buffer.writeInt32BE(high, this.at + 4);
    this.buffer.writeUInt32BE(value - high * TWO_32, this.at + 8);
    this.at += 12;
  }

  private reserve(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }
}

export const ARTICLE_LAYOUT: CopyLayout<ArticleRow> = {
  columns: 'id, revision, status, updated_at, document, blocks',
  write: (out, r) => {
    out.row(6);
    out.uuid(r.id);
    out.int4(r.revision);
    out.text(r.status);
    out.timestamptz(r.updated_at);
    out.jsonb(r.document);
    out.jsonb(r.blocks);
  },
};

export const TERMS_LAYOUT: CopyLayout<TermsRow> = {
  columns: 'article_id, revision, headline, category_slugs',
  write: (out, r) => {
    out.row(4);
    out.uuid(r.article_id);
    out.int4(r.revision);
    out.text(r.headline);
    out.textArray(r.category_slugs);
  },
};

export const REVISION_LAYOUT: CopyLayout<RevisionRow> = {
  columns: 'article_id, revision, type, actor, actor_name, reason, recorded_at, summary, position, correlation_id, snapshot',
  write: (out, r) => {
    out.row(11);
    out.uuid(r.article_id);
    out.int4(r.revision);
    out.text(r.type);
    out.text(r.actor);
    out.text(r.actor_name);
    out.text(r.reason);
    out.timestamptz(r.recorded_at);
    out.text(r.summary);
    out.int8(r.position);
    out.text(r.correlation_id);
    out.jsonb(r.snapshot);
  },
};

export const FIELD_CHANGE_LAYOUT: CopyLayout<FieldChangeRow> = {
  columns: 'article_id, field, revision',
  write: (out, r) => {
    out.row(3);
    out.uuid(r.article_id);
    out.text(r.field);
    out.int4(r.revision);
  },
};

export const CORRECTION_LAYOUT: CopyLayout<CorrectionRow> = {
  columns: 'article_id, revision, headline, kind, text, recorded_at, position',
  write: (out, r) => {
    out.row(7);
    out.uuid(r.article_id);
    out.int4(r.revision);
    out.text(r.headline);
    out.text(r.kind);
    out.text(r.text);
    out.timestamptz(r.recorded_at);
    out.int8(r.position);
  },
};
