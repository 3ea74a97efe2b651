/**
 * Every statement the event store sends, in one place. Plain SQL: each is a single
 * round trip whose guarantees the database enforces.
 */

const COLUMNS = `position, stream_id, revision, type, data, metadata, recorded_at, transaction_id::text AS transaction_id`;

/**
 * One statement appends a whole batch. The unique key (stream_id, revision) refuses a writer
 * that fell behind; the EXISTS guard refuses one that is ahead (which would leave a gap).
 */
export const APPEND = `
  INSERT INTO events (stream_id, revision, type, data, metadata, idempotency_key)
  SELECT $1, $2::int + t.ord, t.type, t.data, t.metadata, CASE WHEN t.ord = 1 THEN $6::text END
  FROM unnest($3::text[], $4::jsonb[], $5::jsonb[]) WITH ORDINALITY AS t(type, data, metadata, ord)
  WHERE $2::int = 0 OR EXISTS (SELECT 1 FROM events WHERE stream_id = $1 AND revision = $2::int)
  ORDER BY t.ord
  RETURNING ${COLUMNS}`;

export const STREAM_REVISION = `SELECT coalesce(max(revision), 0)::int AS revision FROM events WHERE stream_id = $1`;

/** The events written by the append that first used an idempotency key. */
export const BY_IDEMPOTENCY_KEY = `
  SELECT ${COLUMNS} FROM events e
  WHERE e.stream_id = (SELECT stream_id FROM events WHERE idempotency_key = $1)
    AND e.revision >= (SELECT revision FROM events WHERE idempotency_key = $1)
    AND e.transaction_id = (SELECT transaction_id FROM events WHERE idempotency_key = $1)
  ORDER BY e.revision`;

export const READ_STREAM = `
  SELECT ${COLUMNS} FROM events
  WHERE stream_id = $1 AND revision BETWEEN $2 AND $3 AND recorded_at <= coalesce($4, 'infinity'::timestamptz)
  ORDER BY revision`;

/**
 * Never skips an event: rows of transactions at or above the oldest one still in flight are
 * held back until it ends, because such a transaction may yet commit rows before them in
 * (transaction_id, position) order.
 */
export const READ_ALL = `
  SELECT ${COLUMNS} FROM events
  WHERE (transaction_id, position) > ($1::xid8, $2::bigint)
    AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  ORDER BY transaction_id, position
  LIMIT $3`;

/** Events in the log beyond a checkpoint, visible or still held back. */
export const COUNT_AFTER = `
  SELECT count(*)::int AS behind FROM events WHERE (transaction_id, position) > ($1::xid8, $2::bigint)`;

export const LOAD_CHECKPOINT = `
  SELECT transaction_id::text AS transaction_id, position FROM subscription_checkpoints WHERE subscriber = $1`;

export const SAVE_CHECKPOINT = `
  INSERT INTO subscription_checkpoints (subscriber, transaction_id, position, updated_at)
  VALUES ($1, $2::xid8, $3, now())
  ON CONFLICT (subscriber) DO UPDATE
    SET transaction_id = excluded.transaction_id, position = excluded.position, updated_at = now()`;

export const EVENTS_CHANNEL = 'newsroom_events';
