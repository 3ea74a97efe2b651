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

/**
 * Moves a subscriber's checkpoint to `to` only if it still stands where the caller started,
 * `from` (undefined: none stored yet). False when another writer moved it meanwhile: the
 * caller's transaction must then roll back rather than commit a batch handled twice or put the
 * checkpoint back.
 */
export async function moveCheckpoint(
  db: Queryable,
  subscriber: string,
  from: Checkpoint | undefined,
  to: Checkpoint,
): Promise<boolean> {
  // Named: a follower runs it once per batch on its lease's session, which then plans it once.
  const { rowCount } = await db.query({
    name: 'newsroom_move_checkpoint',
    text: sql.MOVE_CHECKPOINT,
    values: [subscriber, to.transactionId, to.position, from?.transactionId ?? null, from?.position ?? null],
  });
  return rowCount === 1;
}
