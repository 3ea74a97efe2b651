import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { poolOf } from '@newsroom/database';
import { type Checkpoint, EventStore, type RecordedEvent, Subscription } from '@newsroom/event-store';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ArticleReader } from '../queries/article-reader';
import { type CorrectionRow, correctionRow, emptyRows } from './read-model-rows';
import { writeRows } from './read-model-writer';

export const CORRECTIONS_SUBSCRIBER = 'corrections-feed';
const NOTICE_EVENTS = new Set(['AttributionFixed', 'TextCorrected']);

/** True once a follower at `checkpoint` has handled every event committed before `snapshot`. */
const CAUGHT_UP = `
  SELECT NOT EXISTS (
    SELECT 1 FROM events
    WHERE (transaction_id, position) > ($1::xid8, $2::bigint) AND pg_visible_in_snapshot(transaction_id, $3::pg_snapshot)
  ) AS caught_up`;

/**
 * Fills the public corrections feed from the log, after the commands' transactions: a slow
 * feed never slows an edit. Readers still read their writes: `catchUp` waits until every event
 * committed before the read has been handled. It runs in every API process (unless
 * RUN_PROJECTORS=false) and in every projector process (`npm run projector`); the subscription's
 * lease lets one of them at a time fill the feed, the others stand by.
 */
@Injectable()
export class CorrectionsFollower implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CorrectionsFollower');
  private readonly pool: Pool;
  private readonly subscription: Subscription;

  constructor(
    store: EventStore,
    dataSource: DataSource,
    private readonly reader: ArticleReader,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'runFollowers'>,
  ) {
    this.pool = poolOf(dataSource);
    // The feed's rows commit with the checkpoint's move, in the lease holder's transaction.
    this.subscription = new Subscription(store, this.pool, (events, transaction) => this.handle(events, transaction), {
      subscriber: CORRECTIONS_SUBSCRIBER,
      batchSize: 1000,
      onLease: (held) =>
        this.logger.log(held ? 'corrections feed: lease taken, following the log' : 'corrections feed: lease lost'),
      onError: (error) => this.logger.warn(`corrections feed: ${error instanceof Error ? error.message : String(error)}`),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.runFollowers) await this.subscription.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription.stop();
  }

  get position(): Checkpoint {
    return this.subscription.position;
  }

  lag(): Promise<number> {
    return this.subscription.lag();
  }

  /**
   * Waits (at most `timeoutMs`) until the feed shows every event committed before this call,
   * by the checkpoint stored: the feed may be filled by another process. When no process follows
   * (none runs it here, and nobody holds the lease), there is nothing to wait for.
   */
  async catchUp(timeoutMs = 3000): Promise<boolean> {
    const { rows } = await this.pool.query<{ snapshot: string }>('SELECT pg_current_snapshot()::text AS snapshot');
    const deadline = Date.now() + timeoutMs;
    let followed = this.config.runFollowers;
    for (;;) {
      const { transactionId, position } = await this.subscription.handledUpTo();
      const check = await this.pool.query<{ caught_up: boolean }>(CAUGHT_UP, [transactionId, position, rows[0].snapshot]);
      if (check.rows[0].caught_up) return true;
      followed ||= await this.subscription.leaseTaken();
      if (Date.now() >= deadline || !followed) return false;
      await sleep(5);
    }
  }

  /**
   * Turns the notices among `events` into feed rows, written through `db` (the batch's
   * transaction when the subscription calls it); re-handling a batch writes nothing new.
   */
  async handle(events: RecordedEvent[], db: Pick<PoolClient, 'query'> = this.pool): Promise<void> {
    const rows: CorrectionRow[] = [];
    for (const event of events) {
      if (!event.streamId.startsWith('article-') || !NOTICE_EVENTS.has(event.type) || !event.data.notice) continue;
      const article = await this.reader.atRevision(event.streamId.slice('article-'.length), event.revision);
      const row = correctionRow(article, event.revision, event.position);
      if (row) rows.push(row);
    }
    if (rows.length > 0) await writeRows(db, { ...emptyRows(), corrections: rows });
  }
}
