import { type Client, type CustomTypesConfig, Query, types } from 'pg';
import { type EventRow, toRecordedEvent } from './rows';
import * as sql from './sql';
import type { RecordedEvent, SnapshotEvent } from './types';

/** The cursor's rows as they come, positions (bigint) as numbers: the store's stay below 2^53. */
const SNAPSHOT_TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === types.builtins.INT8 ? Number : types.getTypeParser(oid, format)) as CustomTypesConfig['getTypeParser'],
};

/**
 * The whole log (of the streams whose id starts with a prefix) as one consistent snapshot,
 * read stream by stream in batches through a server-side cursor: constant memory however long
 * the log. `committedSince` then lists what was committed after the snapshot was taken, for a
 * reader that must catch up before it hands over.
 */
export class LogSnapshot {
  private constructor(
    private readonly client: Client,
    /** pg_snapshot text of the moment the reading began. */
    readonly snapshot: string,
    /** Events the snapshot holds. */
    readonly total: number,
  ) {}

  /** Opens a REPEATABLE READ transaction on `client` (a dedicated connection, not a pooled one). */
  static async open(client: Client, streamPrefix: string): Promise<LogSnapshot> {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ snapshot: string; total: number }>(sql.SNAPSHOT_AND_TOTAL, [streamPrefix]);
    await client.query(sql.DECLARE_SNAPSHOT_CURSOR, [streamPrefix]);
    return new LogSnapshot(client, rows[0].snapshot, rows[0].total);
  }

  /**
   * Hands the next `batchSize` events, in (stream, revision) order, to `onEvent` one by one as
   * they arrive, and answers how many there were: none at the end. Nothing of a batch is held:
   * a reader that folds each event as it comes keeps only what it folds into, and its events
   * die young, where a batch of thousands held until its last row arrives outlives the young
   * heap's collections and is copied, then promoted, at a cost larger than the reading's own.
   * Should `onEvent` throw, the rest of the batch is read and dropped (the connection stays
   * usable), and the answer is that error.
   */
  read(batchSize: number, onEvent: (event: SnapshotEvent) => void): Promise<number> {
    return new Promise((settle, fail) => {
      const fetch = new Query<SnapshotEvent>({
        text: `FETCH ${Math.max(1, Math.floor(batchSize))} FROM log_snapshot`,
        types: SNAPSHOT_TYPES,
      });
      let count = 0;
      let failure: { error: unknown } | undefined;
      // A listener for rows makes pg hand each one over instead of collecting them.
      fetch.on('row', (event) => {
        if (failure) return;
        try {
          onEvent(event);
          count += 1;
        } catch (error) {
          failure = { error };
        }
      });
      fetch.on('error', fail);
      fetch.on('end', () => (failure ? fail(failure.error) : settle(count)));
      this.client.query(fetch);
    });
  }

  /** The next batch in (stream, revision) order, as one array; empty at the end. */
  async next(batchSize: number): Promise<SnapshotEvent[]> {
    const events: SnapshotEvent[] = [];
    await this.read(batchSize, (event) => events.push(event));
    return events;
  }

  async close(): Promise<void> {
    await this.client.query('COMMIT');
  }

  /**
   * Events committed after the snapshot (by any connection), in (stream, revision) order. Call
   * it while writers are held off, or it may miss a transaction still in flight.
   */
  static async committedSince(client: Pick<Client, 'query'>, snapshot: string, streamPrefix: string): Promise<RecordedEvent[]> {
    const { rows } = await client.query<EventRow>(sql.COMMITTED_SINCE, [snapshot, streamPrefix]);
    return rows.map(toRecordedEvent);
  }
}
