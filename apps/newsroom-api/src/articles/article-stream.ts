import { type RecordedArticleEvent, upcast } from '@newsroom/articles';
import type { RecordedEvent, SnapshotEvent } from '@newsroom/event-store';

/*
 * Plain functions, free of NestJS and TypeORM: the rebuild and the readers import them without
 * loading the framework.
 */

/** An article's stream in the event store: its name and how its events read back. */
export function streamIdOf(articleId: string): string {
  return `article-${articleId}`;
}

export function toArticleEvent(event: RecordedEvent): RecordedArticleEvent {
  return articleEventOf(event, event.recordedAt.toISOString());
}

/** The same for an event of a replay of the log (LogSnapshot), whose time is already ISO text. */
export function snapshotArticleEvent(event: SnapshotEvent): RecordedArticleEvent {
  return articleEventOf(event, event.recordedAt);
}

function articleEventOf(
  event: Pick<SnapshotEvent, 'revision' | 'type' | 'data' | 'metadata'>,
  recordedAt: string,
): RecordedArticleEvent {
  return { revision: event.revision, recordedAt, event: upcast(event.type, event.data, event.metadata.schemaVersion) };
}
