import type { Pool, PoolClient } from 'pg';
import { WrongExpectedRevisionError } from './errors';
import type { EventRewrite, RedactedRevision } from './redaction';
import type { Queryable } from './queryable';
import { AppendBatch, type AppendedRow, type EventRow, toRecordedEvent } from './rows';
import * as sql from './sql';
import { type BatchHandler, Subscription, type SubscriptionOptions } from './subscription';
import type {
  AppendOptions,
  AppendResult,
  Checkpoint,
  EventToAppend,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
} from './types';
import { START } from './types';
import { WakeUpSender } from './wake-ups';

const UNIQUE_VIOLATION = '23505';
/**
 * The unique keys an append can lose a race on; any other violation is a bug and is rethrown. On
 * the partitioned log a violation names the partition's index (events_p07_stream_revision_key).
 */
const RACE_CONSTRAINT = /^events_(p\d+_)?(stream_revision_key|idempotency_key_idx)$/;
const MAX_REVISION = 2_147_483_647;

/**
 * An append-only log of events in PostgreSQL, grouped in streams. It knows nothing of what
 * the events mean.
 */
export class EventStore {
  private readonly wakeUps: WakeUpSender;

  constructor(private readonly pool: Pool) {
    this.wakeUps = new WakeUpSender(pool);
  }

  /**
   * Appends events to a stream atomically, in one statement. Pass `client` to make the append
   * part of a larger transaction (see `transaction`). A key already used on this stream returns
   * the first append's events with `replayed: true` and writes nothing; keys are the stream's, so
   * the same key on another stream appends there.
   */
  async append(
    streamId: string,
    events: readonly EventToAppend[],
    options: AppendOptions,
    client: Queryable = this.pool,
  ): Promise<AppendResult> {
    const batch = new AppendBatch(streamId, events, options);
    const rows = await this.insert(batch, client);
    if (rows.length > 0) {
      if (client === this.pool) this.wakeUps.ring();
      // Parsed back only when read: a caller that folded its events itself never pays for it.
      let recorded: RecordedEvent[] | undefined;
      return {
        get events() {
          return (recorded ??= batch.recorded(rows));
        },
        nextExpectedRevision: batch.expected + events.length,
        replayed: false,
      };
    }
    const replayed = batch.key === null ? undefined : await this.replay(streamId, batch.key, client);
    if (replayed) return replayed;
    throw new WrongExpectedRevisionError(streamId, batch.expectedRevision, await this.streamRevision(streamId, client));
  }

  /**
   * A legal redaction: rewrites the content of earlier events of the stream and appends `record`,
   * whose metadata the store completes with `redacts` (each rewritten revision and the digest of
   * its new content), at the expected revision. Needs `client` in a transaction of the caller's:
   * if the append then fails (the stream moved on), the caller rolls back and nothing was rewritten.
   */
  async redact(
    streamId: string,
    rewrites: readonly EventRewrite[],
    record: EventToAppend,
    options: AppendOptions,
    client: PoolClient,
  ): Promise<AppendResult> {
    const { rows } = await client.query<RedactedRevision>(sql.REDACT_EVENTS, [
      streamId,
      rewrites.map((r) => r.revision),
      rewrites.map((r) => JSON.stringify(r.data)),
      rewrites.map((r) => JSON.stringify(r.metadata)),
    ]);
    const metadata = { ...record.metadata, redacts: rows.map((r) => ({ revision: r.revision, digest: r.digest })) };
    return this.append(streamId, [{ ...record, metadata }], options, client);
  }

  /** The events a previous append to this stream with this key wrote, or none. */
  async readByIdempotencyKey(streamId: string, key: string, client: Queryable = this.pool): Promise<RecordedEvent[]> {
    const { rows } = await client.query<EventRow>(sql.BY_IDEMPOTENCY_KEY, [streamId, key]);
    return rows.map(toRecordedEvent);
  }

  /**
   * A stream's events in revision order, optionally a range of revisions, those recorded by a
   * time, or the first `limit` of them: a range costs what it holds, whatever the stream's length.
   */
  async readStream(streamId: string, options: ReadStreamOptions = {}, client: Queryable = this.pool): Promise<RecordedEvent[]> {
    const { fromRevision = 1, toRevision = MAX_REVISION, until = null, limit = null } = options;
    const { rows } = await client.query<EventRow>(sql.READ_STREAM, [streamId, fromRevision, toRevision, until, limit]);
    return rows.map(toRecordedEvent);
  }

  /** The events of a stream at the given revisions, in revision order; revisions it lacks are skipped. */
  async readRevisions(streamId: string, revisions: readonly number[], client: Queryable = this.pool): Promise<RecordedEvent[]> {
    if (revisions.length === 0) return [];
    const { rows } = await client.query<EventRow>(sql.READ_REVISIONS, [streamId, revisions]);
    return rows.map(toRecordedEvent);
  }

  /** The stream's last revision; 0 when it does not exist. */
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
    const { after = START, limit = 1000, before = null } = options;
    // Named, so that each connection plans it once: on the partitioned log no partition can be
    // pruned, and planning the merge of all 64 cost more than running a poll (4–8 ms against 2).
    const { rows } = await this.pool.query<EventRow>({
      name: 'newsroom_read_all',
      text: sql.READ_ALL,
      values: [after.transactionId, after.position, limit, before],
    });
    return rows.map(toRecordedEvent);
  }

  /**
   * The log's horizon: every transaction below it has ended, so a `readAll` up to it (`before`)
   * that answered fewer events than its limit has read all the log will ever hold there. Cheap:
   * a follower asks it to learn whether a read could find anything new.
   */
  async horizon(): Promise<string> {
    const { rows } = await this.pool.query<{ horizon: string }>({ name: 'newsroom_log_horizon', text: sql.LOG_HORIZON });
    return rows[0].horizon;
  }

  /** How many events in the log lie beyond a checkpoint, held back ones included: a follower's lag. */
  async countAfter(checkpoint: Checkpoint): Promise<number> {
    const { rows } = await this.pool.query<{ behind: number }>(sql.COUNT_AFTER, [checkpoint.transactionId, checkpoint.position]);
    return rows[0].behind;
  }

  /** Runs `work` in one transaction on one connection: appends and projections commit together. */
  async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A checked-out connection that breaks between statements emits 'error', which would crash
    // the process unheard (the pool listens only to idle ones).
    let broken: unknown;
    const onError = (error: unknown): void => void (broken = error);
    client.on('error', onError);
    let reusable = true;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      this.wakeUps.ring();
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => (reusable = false));
      // After a break, statements fail with "not queryable": the break itself says what happened.
      throw broken ?? error;
    } finally {
      client.off('error', onError);
      client.release(!reusable || broken !== undefined);
    }
  }

  /**
   * Tells followers that events were committed. `append` and `transaction` do it themselves;
   * call it after committing a transaction of your own that appended through `append(…, client)`.
   */
  wakeFollowers(): Promise<void> {
    this.wakeUps.ring();
    return this.wakeUps.settled();
  }

  /**
   * Calls `wakeUp` after each commit of this store's appends, in this process: a follower here
   * need not wait for the spaced-out NOTIFY. Returns the function that stops it.
   */
  onAppended(wakeUp: () => void): () => void {
    return this.wakeUps.listen(wakeUp);
  }

  /** Starts a subscriber that catches up from its stored checkpoint and then follows the log. */
  async subscribe(handler: BatchHandler, options: SubscriptionOptions): Promise<Subscription> {
    const subscription = new Subscription(this, this.pool, handler, options);
    await subscription.start();
    return subscription;
  }

  /** Rows written, or none when the stream is not at the expected revision or the key was used. */
  private async insert(batch: AppendBatch, client: Queryable): Promise<AppendedRow[]> {
    try {
      // Named: planning cost more than the insert.
      return (await client.query<AppendedRow>(batch.statement)).rows;
    } catch (error) {
      if (!isLostRace(error)) throw error;
      // Another append took the revision or the key and committed while this one waited on the
      // unique index. A caller's transaction is now aborted: it must roll back (a retry replays).
      // Looking up the actual revision on another connection could wait forever on a full pool.
      if (client !== this.pool) throw new WrongExpectedRevisionError(batch.streamId, batch.expectedRevision);
      return [];
    }
  }

  private async replay(streamId: string, key: string, client: Queryable): Promise<AppendResult | undefined> {
    const events = await this.readByIdempotencyKey(streamId, key, client);
    if (events.length === 0) return undefined;
    return { events, nextExpectedRevision: events[events.length - 1].revision, replayed: true };
  }
}

function isLostRace(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === UNIQUE_VIOLATION && typeof constraint === 'string' && RACE_CONSTRAINT.test(constraint);
}
