import type { Queryable } from './queryable';
import { type EventRow, toRecordedEvent } from './rows';
import * as sql from './sql';
import type { EventMetadata } from './types';

/** The content a redaction leaves in one earlier event of the stream. */
export interface EventRewrite {
  revision: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

/** What a redaction record lists for each event it rewrote: the digest of the content it left (hex). */
export interface RedactedRevision {
  revision: number;
  digest: string;
}

/**
 * A redaction record is an event whose metadata lists the events it redacted. It is hashed into
 * the chain like any event, the audit accepts a rewritten event's content by the digest the
 * latest record lists for it, and the database refuses to redact a record.
 */
export function isRedactionRecord(metadata: EventMetadata): boolean {
  return Array.isArray(metadata.redacts);
}

/** A redaction record as the audit lists it: who, when, why, and which revisions it rewrote. */
export interface RedactionRecord {
  streamId: string;
  /** The record's own revision. */
  revision: number;
  recordedAt: Date;
  actor: string | null;
  reason: string | null;
  /** The record's data: what the domain says of the redaction (its authority, for one). */
  data: Record<string, unknown>;
  redacted: number[];
}

/** The redaction records of a stream, or of the whole log (`streamId` null), by stream and revision. */
export async function readRedactionRecords(client: Queryable, streamId: string | null): Promise<RedactionRecord[]> {
  const { rows } = await client.query<EventRow>(sql.REDACTION_RECORDS, [streamId]);
  return rows.map(toRecordedEvent).map((event) => ({
    streamId: event.streamId,
    revision: event.revision,
    recordedAt: event.recordedAt,
    actor: event.metadata.actor ?? null,
    reason: event.metadata.reason ?? null,
    data: event.data,
    redacted: (event.metadata.redacts as RedactedRevision[]).map((r) => r.revision),
  }));
}
