import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { poolOf } from '@newsroom/database';
import { type Checkpoint, EventStore, type RecordedEvent, Subscription } from '@newsroom/event-store';
import type { Pool } from 'pg';
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
 * committed before the read has been handled.
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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.pool = poolOf(dataSource);
    this.subscription = new Subscription(store, this.pool, (events) => this.handle(events), {
      subscriber: CORRECTIONS_SUBSCRIBER,
      batchSize: 1000,
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

  /** Waits (at most `timeoutMs`) until the feed shows every event committed before this call. */
  async catchUp(timeoutMs = 3000): Promise<boolean> {
    const { rows } = await this.pool.query<{ snapshot: string }>('SELECT pg_current_snapshot()::text AS snapshot');
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { transactionId, position } = this.subscription.position;
      const check = await this.pool.query<{ caught_up: boolean }>(CAUGHT_UP, [transactionId, position, rows[0].snapshot]);
      if (check.rows[0].caught_up) return true;
      if (Date.now() >= deadline || !this.config.runFollowers) return false;
      await sleep(5);
    }
  }

  /** Turns the notices among `events` into feed rows; re-handling a batch writes nothing new. */
  async handle(events: RecordedEvent[]): Promise<void> {
    const rows: CorrectionRow[] = [];
    for (const event of events) {
      if (!event.streamId.startsWith('article-') || !NOTICE_EVENTS.has(event.type) || !event.data.notice) continue;
      const article = await this.reader.atRevision(event.streamId.slice('article-'.length), event.revision);
      const row = correctionRow(article, event.revision, event.position);
      if (row) rows.push(row);
    }
    if (rows.length > 0) await writeRows(this.pool, { ...emptyRows(), corrections: rows });
  }
}
