import { type Checkpoint, type EventStore, type RecordedEvent, START } from '@newsroom/event-store';
import { pause } from '../support/waiting';

export interface Follow {
  /** Only events of streams whose id starts with this; other tests share the log. */
  prefix: string;
  /** Stop once this many matching events were read. */
  expect: number;
  after?: Checkpoint;
  limit?: number;
  /** Until then, keep polling: another transaction in the cluster may hold the log back for a while. */
  deadlineMs?: number;
  /** Stop early, e.g. when writers finished and failed. */
  stopped?: () => boolean;
}

/**
 * A `readAll` follower as a projector would run it: read a batch after the checkpoint, move the
 * checkpoint to the batch's last event, repeat. Returns the matching events in delivery order.
 */
export async function follow(store: EventStore, options: Follow): Promise<RecordedEvent[]> {
  const { prefix, expect, limit = 100, deadlineMs = 30_000 } = options;
  const deadline = Date.now() + deadlineMs;
  const seen: RecordedEvent[] = [];
  let after = options.after ?? START;
  while (seen.length < expect && Date.now() < deadline && !options.stopped?.()) {
    const batch = await store.readAll({ after, limit });
    if (batch.length === 0) await pause(2);
    else after = batch[batch.length - 1];
    seen.push(...batch.filter((event) => event.streamId.startsWith(prefix)));
  }
  return seen;
}

/** The checkpoint at the end of what is readable now. */
export async function endOfLog(store: EventStore): Promise<Checkpoint> {
  let after: Checkpoint = START;
  for (;;) {
    const batch = await store.readAll({ after, limit: 10_000 });
    if (batch.length === 0) return after;
    after = batch[batch.length - 1];
  }
}
