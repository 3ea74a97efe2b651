/** What a caller hands to `append`: the store assigns position, revision and time. */
export interface EventToAppend {
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

/**
 * Metadata recorded beside every event. The store sets `idempotencyKey` itself, from the
 * append's options (a replay finds its batch by it); the rest is carried for auditors and followers.
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

/** `no-stream` demands that the stream does not exist yet; a number is the revision the stream must be at. */
export type ExpectedRevision = number | 'no-stream';

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
  /** A key already used makes `append` return the first append's events instead of writing. */
  idempotencyKey?: string;
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
}

export interface ReadAllOptions {
  after?: Checkpoint;
  limit?: number;
}
