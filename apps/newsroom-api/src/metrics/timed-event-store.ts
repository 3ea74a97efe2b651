import { EventStore, WrongExpectedRevisionError, type AppendResult } from '@newsroom/event-store';
import type { Pool } from 'pg';
import type { AppendOutcomeLabel, NewsroomMetrics } from './newsroom-metrics';

const UNIQUE_VIOLATION = '23505';

/**
 * The event store with each append timed into `newsroom_event_append_duration_seconds`. Only
 * provided when metrics are on: the store itself stays free of them.
 */
export class TimedEventStore extends EventStore {
  constructor(
    pool: Pool,
    private readonly metrics: NewsroomMetrics,
  ) {
    super(pool);
  }

  override async append(...args: Parameters<EventStore['append']>): Promise<AppendResult> {
    const started = performance.now();
    let outcome: AppendOutcomeLabel = 'failed';
    try {
      const result = await super.append(...args);
      outcome = result.replayed ? 'replayed' : 'appended';
      return result;
    } catch (error) {
      if (isConflict(error)) outcome = 'conflict';
      throw error;
    } finally {
      this.metrics.appends.labels(outcome).observe((performance.now() - started) / 1000);
    }
  }
}

function isConflict(error: unknown): boolean {
  return error instanceof WrongExpectedRevisionError || (error as { code?: unknown } | null)?.code === UNIQUE_VIOLATION;
}
