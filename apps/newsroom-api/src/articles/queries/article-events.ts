import { Injectable } from '@nestjs/common';
import { EventStore, type RecordedEvent } from '@newsroom/event-store';
import { streamIdOf } from '../article-stream';
import type { Page } from './article-history';
import { ArticleReader } from './article-reader';
import { decodeCursor, encodeCursor } from './cursor';

/** One event of the raw log, as the contract publishes it (StoredEvent). */
export type StoredEvent = Pick<RecordedEvent, 'position' | 'revision' | 'type' | 'data' | 'metadata'> & { recordedAt: string };

/**
 * The raw event log of an article, oldest first, a page at a time: keyset by revision, so a page
 * costs the same on a story's 50,000th revision as on its first, and no answer holds the whole log.
 */
@Injectable()
export class ArticleEvents {
  constructor(
    private readonly store: EventStore,
    private readonly reader: ArticleReader,
  ) {}

  async page(id: string, limit: number, cursor?: string): Promise<Page<StoredEvent>> {
    const [after] = (decodeCursor(cursor, ['revision']) ?? [0]) as [number];
    const events = await this.store.readStream(streamIdOf(id), { fromRevision: after + 1, limit: limit + 1 });
    // An empty page is the end of the log, or an article that does not exist (404).
    if (events.length === 0) await this.reader.current(id);
    const items = events.slice(0, limit).map(({ position, revision, type, data, metadata, recordedAt }) => ({
      position,
      revision,
      type,
      data,
      metadata,
      recordedAt: recordedAt.toISOString(),
    }));
    return { items, nextCursor: events.length > limit ? encodeCursor([items[items.length - 1].revision]) : null };
  }
}
