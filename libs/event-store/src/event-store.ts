import type { Pool, PoolClient } from 'pg';
import { IdempotencyKeyConflictError, WrongExpectedRevisionError } from './errors';
import { type EventRow, toRecordedEvent } from './rows';
import * as sql from './sql';
import {
  type AppendOptions,
  type AppendResult,
  type Checkpoint,
  type EventToAppend,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  START,
} from './types';

/** Anything that runs a query: the pool, or a client inside a transaction. */
export type Queryable = Pick<Pool, 'query'> | PoolClient;

const UNIQUE_VIOLATION = '23505';
const STREAM_REVISION_KEY = 'events_stream_revision_key';
const IDEMPOTENCY_KEY_INDEX = 'events_idempotency_key_idx';
const MAX_REVISION = 2_147_483_647;

/**
 * An append-only log of events in PostgreSQL, grouped in streams. It knows nothing of what
 * the events mean.
 */
export class EventStore {
  constructor(private readonly pool: Pool) {}

  /**
   * Appends events to a stream atomically, in one statement. Pass `client` to make the append
   * part of a larger transaction (see `transaction`).
   */
  async append(
    streamId: string,
    events: readonly EventToAppend[],
    options: AppendOptions,
    client: Queryable = this.pool,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('append needs at least one event');
    const expected = options.expectedRevision === 'no-stream' ? 0 : options.expectedRevision;
    const key = options.idempotencyKey ?? null;
    try {
      const { rows } = await client.query<EventRow>(sql.APPEND, [
        streamId,
        expected,
        events.map((e) => e.type),
        events.map((e) => JSON.stringify(e.data)),
        events.map((e) => JSON.stringify({ ...e.metadata, idempotencyKey: key })),
        key,
      ]);
      if (rows.length === 0) throw await this.wrongRevision(streamId, options, client);
      const recorded = rows.map(toRecordedEvent).sort((a, b) => a.revision - b.revision);
      return { events: recorded, nextExpectedRevision: expected + events.length, replayed: false };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (error.constraint === IDEMPOTENCY_KEY_INDEX && key !== null) {
        return this.replay(streamId, key);
      }
      if (error.constraint === STREAM_REVISION_KEY) {
        throw await this.wrongRevision(streamId, options, this.pool);
      }
      throw error;
    }
  }

  /** The events a previous append with this key wrote, or none. */
  async readByIdempotencyKey(key: string): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>(sql.BY_IDEMPOTENCY_KEY, [key]);
    return rows.map(toRecordedEvent);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}, client: Queryable = this.pool): Promise<RecordedEvent[]> {
    const { rows } = await client.query<EventRow>(sql.READ_STREAM, [
      streamId,
      options.fromRevision ?? 1,
      options.toRevision ?? MAX_REVISION,
      options.until ?? null,
    ]);
    return rows.map(toRecordedEvent);
  }

  async streamRevision(streamId: string, client: Queryable = this.pool): Promise<number> {
    const { rows } = await client.query<{ revision: number }>(sql.STREAM_REVISION, [streamId]);
    return rows[0].revision;
  }

  /**
   * Reads the global log in (transaction id, position) order after a checkpoint. It stops short
   * of any transaction still in flight, so a follower that resumes from the last event it saw
   * never skips one that commits late.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? START;
    const { rows } = await this.pool.query<EventRow>(sql.READ_ALL, [after.transactionId, after.position, options.limit ?? 1000]);
    return rows.map(toRecordedEvent);
  }

  /** How many events in the log lie beyond a checkpoint: a follower's lag. */
  async countAfter(checkpoint: Checkpoint): Promise<number> {
    const { rows } = await this.pool.query<{ behind: number }>(sql.COUNT_AFTER, [checkpoint.transactionId, checkpoint.position]);
    return rows[0].behind;
  }

  /** Runs `work` in one transaction on one connection: appends and projections commit together. */
  async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async replay(streamId: string, key: string): Promise<AppendResult> {
    const events = await this.readByIdempotencyKey(key);
    if (events.length === 0 || events[0].streamId !== streamId) throw new IdempotencyKeyConflictError(key);
    return { events, nextExpectedRevision: events[events.length - 1].revision, replayed: true };
  }

  private async wrongRevision(streamId: string, options: AppendOptions, client: Queryable): Promise<WrongExpectedRevisionError> {
    const actual = await this.streamRevision(streamId, client).catch(() => -1);
    return new WrongExpectedRevisionError(streamId, options.expectedRevision, actual);
  }
}

function isUniqueViolation(error: unknown): error is { code: string; constraint?: string } {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION;
}
