/** What a caller hands to `append`: the store assigns position, revision and time. */
export interface EventToAppend {
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

/**
 * Metadata recorded beside every event. Under an append's `idempotencyKey` option the store sets
 * `idempotencyKey` itself (a replay finds its batch by it); without one it keeps the caller's, or
 * null. The rest is carried for auditors and followers.
 */
export interface EventMetadata {
  actor?: string;
  reason?: string | null;
  correlationId?: string;
  causationId?: string | null;
  idempotencyKey?: string | null;
  schemaVersion: number;
  [extra: string]: unknown;
}

export interface RecordedEvent {
  /** Global position in the order of writing (not of commit), with gaps; followers order by transaction first. */
  position: number;
  streamId: string;
  /** 1-based, contiguous revision inside the stream. */
  revision: number;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  recordedAt: Date;
  /** The writing transaction's id (xid8, as text): followers order by it first. */
  transactionId: string;
}

/**
 * An event as a replay of the whole log reads it (LogSnapshot): its time as ISO text, as
 * `recordedAt.toISOString()` would print it, and without the transaction id.
 */
export interface SnapshotEvent extends Omit<RecordedEvent, 'recordedAt' | 'transactionId'> {
  recordedAt: string;
}

/** `no-stream` demands that the stream does not exist yet; a number is the revision the stream must be at. */
export type ExpectedRevision = number | 'no-stream';

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
  /**
   * A key already used on this stream makes `append` return the first append's events instead of
   * writing. Keys are unique per stream (the partitioned log's unique keys all contain the stream).
   */
  idempotencyKey?: string;
  /**
   * The events' recorded time, for a caller that must know it before appending (to write its
   * read models in the same statement). Stored to the millisecond. By default the database's
   * clock at the statement. A caller that chooses it keeps a stream's times in order.
   */
  recordedAt?: Date;
  /** Statements that commit with the append, in its very statement, or not at all. */
  alongside?: readonly AlongsideWrite[];
}

/**
 * A data-modifying statement run as part of an append's statement: a caller's read model costs
 * no transaction and no round trip of its own. It must take its rows FROM `appended`, the rows
 * the append writes (position, revision, recorded_at), so that it writes nothing when the append
 * writes nothing; a failure fails the append. Its parameters are numbered from $1. It sees the
 * database as it was before the statement, like every part of one statement.
 */
export interface AlongsideWrite {
  text: string;
  values: readonly unknown[];
}

export interface AppendResult {
  events: RecordedEvent[];
  /** The stream's revision after the append. */
  nextExpectedRevision: number;
  /** True when the idempotency key had been used and nothing was written. */
  replayed: boolean;
}

/**
 * Where a follower stands in the global log. Rows are delivered in (transactionId, position)
 * order, so both halves are needed: an older transaction can hold higher positions than a
 * younger one that committed first.
 */
export interface Checkpoint {
  transactionId: string;
  position: number;
}

export const START: Checkpoint = Object.freeze({ transactionId: '0', position: 0 });

export interface ReadStreamOptions {
  fromRevision?: number;
  toRevision?: number;
  /** Only events recorded at or before this time. */
  until?: Date;
  /**
   * At most this many events: the revisions `fromRevision` to `fromRevision + limit - 1`, since a
   * stream's revisions run without gaps. A page; the next starts at the last revision read + 1.
   */
  limit?: number;
}

export interface ReadAllOptions {
  after?: Checkpoint;
  limit?: number;
  /**
   * Read only the events of transactions below this horizon (from `EventStore.horizon`); by
   * default, below the horizon at the time of the read. It never reads past the latter.
   */
  before?: string;
}
