import type { Queryable } from './queryable';
import * as sql from './sql';
import type { Checkpoint } from './types';

/** The checkpoint a subscriber stored last, if any. */
export async function loadCheckpoint(db: Queryable, subscriber: string): Promise<Checkpoint | undefined> {
  const { rows } = await db.query<{ transaction_id: string; position: string }>(sql.LOAD_CHECKPOINT, [subscriber]);
  return rows[0] && { transactionId: rows[0].transaction_id, position: Number(rows[0].position) };
}

/**
 * Stores a subscriber's checkpoint. Pass the client of a projection's transaction to store it
 * together with what the projection wrote.
 */
export async function saveCheckpoint(db: Queryable, subscriber: string, checkpoint: Checkpoint): Promise<void> {
  await db.query(sql.SAVE_CHECKPOINT, [subscriber, checkpoint.transactionId, checkpoint.position]);
}
