import { createHash } from 'node:crypto';
import * as sql from './sql';
import type {
  AlongsideWrite,
  AppendOptions,
  Checkpoint,
  EventMetadata,
  EventToAppend,
  ExpectedRevision,
  RecordedEvent,
} from './types';

/** An events row as `pg` hands it over (bigint and xid8 arrive as text). */
export interface EventRow {
  position: string;
  stream_id: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  recorded_at: Date;
  transaction_id: string;
}

/** What the append statement returns: only the columns the database chose. */
export type AppendedRow = Pick<EventRow, 'position' | 'revision' | 'recorded_at' | 'transaction_id'>;

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    position: Number(row.position),
    streamId: row.stream_id,
    revision: row.revision,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
    transactionId: row.transaction_id,
  };
}

export function checkpointOf(event: RecordedEvent): Checkpoint {
  return { transactionId: event.transactionId, position: event.position };
}

/** One append, serialised once: the statement's parameters, and how its returned rows become events. */
export class AppendBatch {
  readonly expectedRevision: ExpectedRevision;
  /** The revision the stream must be at: 0 for no stream. */
  readonly expected: number;
  readonly key: string | null;
  private readonly data: string[];
  private readonly metadata: string[];

  constructor(
    readonly streamId: string,
    private readonly events: readonly EventToAppend[],
    private readonly options: AppendOptions,
  ) {
    if (events.length === 0) throw new RangeError('append needs at least one event');
    this.expectedRevision = options.expectedRevision;
    this.expected = options.expectedRevision === 'no-stream' ? 0 : options.expectedRevision;
    if (!Number.isSafeInteger(this.expected) || this.expected < 0) {
      throw new RangeError(`expectedRevision must be 'no-stream' or an integer ≥ 0, not ${String(options.expectedRevision)}`);
    }
    if (options.recordedAt && Number.isNaN(options.recordedAt.getTime())) throw new RangeError('recordedAt is not a valid time');
    this.key = options.idempotencyKey ?? null;
    this.data = events.map((e) => JSON.stringify(e.data));
    // Under a key the store owns metadata.idempotencyKey: a replay finds the batch's rows by it.
    // Without one, a caller that keeps its own exactly-once record may name its key there.
    this.metadata = events.map((e) =>
      JSON.stringify(Object.assign({}, e.metadata, { idempotencyKey: this.key ?? e.metadata.idempotencyKey ?? null })),
    );
  }

  /** The append statement for this batch, named so that each connection parses and plans it once. */
  get statement(): { name: string; text: string; values: unknown[] } {
    const recordedAt = this.options.recordedAt ?? null;
    const single = this.events.length === 1;
    const values: unknown[] = single
      ? [this.streamId, this.expected, this.events[0].type, this.data[0], this.metadata[0], this.key, recordedAt]
      : [this.streamId, this.expected, this.events.map((e) => e.type), this.data, this.metadata, this.key, recordedAt];
    const alongside = this.options.alongside ?? [];
    const { name, text } = statementOf(single ? sql.APPEND_ONE : sql.APPEND, values.length, alongside);
    for (const write of alongside) values.push(...write.values);
    return { name, text, values };
  }

  /** The events as stored: data and metadata as they went over the wire, not the caller's objects. */
  recorded(rows: readonly AppendedRow[]): RecordedEvent[] {
    return rows
      .map((row) => {
        const index = row.revision - this.expected - 1;
        // Spelled out rather than spread: on the append's hot path, object spread cost more than the rest.
        return toRecordedEvent({
          position: row.position,
          stream_id: this.streamId,
          revision: row.revision,
          type: this.events[index].type,
          data: JSON.parse(this.data[index]) as Record<string, unknown>,
          metadata: JSON.parse(this.metadata[index]) as EventMetadata,
          recorded_at: row.recorded_at,
          transaction_id: row.transaction_id,
        });
      })
      .sort((a, b) => a.revision - b.revision);
  }
}

interface Statement {
  name: string;
  text: string;
}

/**
 * Composed statements, looked up one part at a time: the append's text, then each write's text and
 * parameter count. The texts are the same few constant strings on every append, whose hashes V8
 * keeps, so a lookup costs a few map probes; joining them into one key (several KB) and hashing it
 * cost more than composing the statement's parameters.
 */
interface Shape {
  statement?: Statement;
  next: Map<string, Map<number, Shape>>;
}

const shapes = new Map<string, Shape>();

/**
 * The statement for an append and what rides along with it, composed once per shape and named
 * for its text: a connection parses and plans each shape once. Composing it again for every
 * append cost more than the rest of the store's work.
 */
function statementOf(append: string, appendParameters: number, alongside: readonly AlongsideWrite[]): Statement {
  let shape: Shape | undefined = shapes.get(append);
  if (!shape) shapes.set(append, (shape = { next: new Map() }));
  for (const write of alongside) {
    let byCount: Map<number, Shape> | undefined = shape.next.get(write.text);
    if (!byCount) shape.next.set(write.text, (byCount = new Map()));
    let next: Shape | undefined = byCount.get(write.values.length);
    if (!next) byCount.set(write.values.length, (next = { next: new Map() }));
    shape = next;
  }
  if (!shape.statement) {
    const text = alongside.length === 0 ? append : sql.appendWithAlongside(append, appendParameters, alongside);
    shape.statement = { name: `event-store-append-${createHash('sha1').update(text).digest('hex').slice(0, 16)}`, text };
  }
  return shape.statement;
}
