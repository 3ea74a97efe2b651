import type { AlongsideWrite } from './types';

/**
 * Every statement the event store sends, in one place. Plain SQL: each is a single
 * round trip whose guarantees the database enforces.
 */

const COLUMNS = `position, stream_id, revision, type, data, metadata, recorded_at, transaction_id::text AS transaction_id`;

/**
 * One statement appends a whole batch. The unique key (stream_id, revision) refuses a writer
 * that fell behind; the guard on the stream's head refuses one that is ahead (which would leave a
 * gap). A key already used on the stream writes nothing, so a retry inside a transaction does not
 * abort it; two racing appends with one key meet at the unique indexes instead. The key is the
 * stream's (unique per stream, probed with the stream): one partition's index, on Citus one
 * shard's. Both probes are event_stream_head's (migration PartitionEventLog): read here, on the
 * partitioned log, they made PostgreSQL plan the statement afresh on every append (a generic plan
 * counts all 64 partitions, so it never looked cheaper), which doubled its CPU. The hash chain is
 * computed here, from the previous hash the guard reads anyway, rather than by the table's
 * trigger (which only fills a hash left empty): a PL/pgSQL call per row cost a fifth of the
 * append rate. It returns only what the database chose: the caller already holds the type, data
 * and metadata. The time is the database's, unless the caller chose it ($7; see
 * AppendOptions.recordedAt).
 */
export const APPEND = `
  WITH RECURSIVE input AS (
    SELECT t.ord::int AS ord, t.type, t.data, t.metadata, t.salt, event_content_digest(t.salt, t.data, t.metadata) AS content_digest
    FROM (
      SELECT u.*, uuid_send(gen_random_uuid()) AS salt
      FROM unnest($3::text[], $4::jsonb[], $5::jsonb[]) WITH ORDINALITY AS u(type, data, metadata, ord)
    ) t
  ), head AS (
    SELECT event_stream_head($1, $2::int, $6::text) AS previous
  ), chain AS (
    SELECT i.ord, event_hash($2::int + 1, i.type, i.content_digest, (SELECT previous FROM head)) AS hash
    FROM input i WHERE i.ord = 1
    UNION ALL
    SELECT i.ord, event_hash($2::int + i.ord, i.type, i.content_digest, c.hash)
    FROM chain c JOIN input i ON i.ord = c.ord + 1
  )
  INSERT INTO events (stream_id, revision, type, data, metadata, idempotency_key, salt, content_digest, hash, recorded_at)
  SELECT $1, $2::int + i.ord, i.type, i.data, i.metadata, CASE WHEN i.ord = 1 THEN $6::text END, i.salt, i.content_digest, c.hash,
         coalesce($7::timestamptz, statement_timestamp())
  FROM input i JOIN chain c USING (ord)
  WHERE (SELECT previous FROM head) IS NOT NULL
  ORDER BY i.ord
  RETURNING position, revision, recorded_at, transaction_id::text AS transaction_id`;

/**
 * APPEND for the common batch of one event, with the same guards and the same hash: no unnest,
 * no recursion, no sort, and scalar parameters instead of arrays to escape. It halved the
 * statement's execution time, which is most of what an append costs PostgreSQL.
 */
export const APPEND_ONE = `
  INSERT INTO events (stream_id, revision, type, data, metadata, idempotency_key, salt, content_digest, hash, recorded_at)
  SELECT $1, $2::int + 1, $3, $4::jsonb, $5::jsonb, $6::text, salted.salt, salted.content_digest,
         event_hash($2::int + 1, $3, salted.content_digest, head.previous),
         coalesce($7::timestamptz, statement_timestamp())
  FROM (SELECT salt, event_content_digest(salt, $4::jsonb, $5::jsonb) AS content_digest
        FROM (SELECT uuid_send(gen_random_uuid()) AS salt) AS fresh) AS salted,
       (SELECT event_stream_head($1, $2::int, $6::text) AS previous) AS head
  WHERE head.previous IS NOT NULL
  RETURNING position, revision, recorded_at, transaction_id::text AS transaction_id`;

/**
 * The text of an append with the statements that ride along with it (AlongsideWrite), as one
 * statement: each write's parameters are numbered on from the append's `appendParameters`.
 */
export function appendWithAlongside(append: string, appendParameters: number, writes: readonly AlongsideWrite[]): string {
  let offset = appendParameters;
  const parts = writes.map((write, index) => {
    const shifted = write.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
    offset += write.values.length;
    return `alongside_${index + 1} AS (${shifted})`;
  });
  return `WITH appended AS (${append}), ${parts.join(', ')} SELECT * FROM appended`;
}

export const STREAM_REVISION = `SELECT coalesce(max(revision), 0)::int AS revision FROM events WHERE stream_id = $1`;

/**
 * The batch written by the append that first used an idempotency key on a stream ($1): the key
 * sits on its first row, every row of it carries the key in its metadata, and all share one
 * transaction, so the scan stays within that transaction's rows of the stream (one partition).
 */
export const BY_IDEMPOTENCY_KEY = `
  SELECT ${COLUMNS} FROM (
    SELECT e.* FROM events k
    JOIN events e ON e.stream_id = k.stream_id AND e.transaction_id = k.transaction_id AND e.position >= k.position
    WHERE k.stream_id = $1 AND k.idempotency_key = $2 AND e.stream_id = $1 AND e.metadata->>'idempotencyKey' = $2
  ) batch
  ORDER BY revision`;

/**
 * A range of one stream on its (stream_id, revision) key. A limit ($5, null for none) narrows the
 * range rather than adding a LIMIT: revisions run without gaps, and a range bounds the rows read
 * whatever the planner believes of the stream's length. Its statistics lag behind a stream that
 * grows, and with ORDER BY … LIMIT it then chose to read and sort the whole rest of the stream.
 * Bigint bounds: a page past the last possible revision reads nothing instead of failing.
 */
export const READ_STREAM = `
  SELECT ${COLUMNS} FROM events
  WHERE stream_id = $1 AND revision BETWEEN $2::bigint AND least($3::bigint, $2::bigint + $5::bigint - 1)
    AND recorded_at <= coalesce($4, 'infinity'::timestamptz)
  ORDER BY revision`;

/** Chosen revisions of one stream ($2, an array), each one probe of the (stream_id, revision) key. */
export const READ_REVISIONS = `
  SELECT ${COLUMNS} FROM events WHERE stream_id = $1 AND revision = ANY($2::int[]) ORDER BY revision`;

/**
 * Never skips an event: rows of transactions at or above the oldest one still in flight are
 * held back until it ends, because such a transaction may yet commit rows before them in
 * (transaction_id, position) order. Both conditions are ranges of one index, which also gives
 * the order. A caller may stop lower, at a horizon it read before ($4, see LOG_HORIZON; null for
 * none): `least` keeps a horizon from ever reaching past a transaction in flight. ORDER BY names
 * the table's column: bare, `transaction_id` would be the text column of the select list, and
 * '100000' sorts before '99999'.
 */
export const READ_ALL = `
  SELECT ${COLUMNS} FROM events
  WHERE (transaction_id, position) > ($1::xid8, $2::bigint)
    AND transaction_id < least($4::xid8, pg_snapshot_xmin(pg_current_snapshot()))
  ORDER BY events.transaction_id, events.position
  LIMIT $3`;

/**
 * The log's horizon: the oldest transaction in flight in the cluster. Every transaction below it
 * has ended, so what the log holds below it is final. It touches no table: on the partitioned log
 * it costs about a seventieth of an empty READ_ALL, which locks and opens all 64 partitions.
 */
export const LOG_HORIZON = `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon`;

/** Events in the log beyond a checkpoint, readable now or still held back. */
export const COUNT_AFTER = `
  SELECT count(*)::int AS behind FROM events WHERE (transaction_id, position) > ($1::xid8, $2::bigint)`;

export const LOAD_CHECKPOINT = `
  SELECT transaction_id::text AS transaction_id, position FROM subscription_checkpoints WHERE subscriber = $1`;

export const SAVE_CHECKPOINT = `
  INSERT INTO subscription_checkpoints (subscriber, transaction_id, position, updated_at)
  VALUES ($1, $2::xid8, $3, now())
  ON CONFLICT (subscriber) DO UPDATE
    SET transaction_id = excluded.transaction_id, position = excluded.position, updated_at = now()`;

/**
 * SAVE_CHECKPOINT as a compare-and-set: it moves the checkpoint only from the one the batch
 * started from ($4, $5; both null when none was stored), and answers no row otherwise. Two
 * holders racing from one checkpoint meet at its row lock: the second finds it moved.
 */
export const MOVE_CHECKPOINT = `
  INSERT INTO subscription_checkpoints AS stored (subscriber, transaction_id, position, updated_at)
  VALUES ($1, $2::xid8, $3, now())
  ON CONFLICT (subscriber) DO UPDATE
    SET transaction_id = excluded.transaction_id, position = excluded.position, updated_at = now()
    WHERE stored.transaction_id = $4::xid8 AND stored.position = $5::bigint`;

/**
 * A lease's session drops a holder that vanished from the network (no FIN, no RST) within about
 * 20 s, instead of the system's default of two hours: until then its lock, and so the lease,
 * would stay with a session nobody can use.
 */
export const LEASE_SESSION_SETTINGS = `
  SELECT set_config('tcp_keepalives_idle', '10', false), set_config('tcp_keepalives_interval', '3', false),
         set_config('tcp_keepalives_count', '3', false)`;

/** A subscription's lease: a session-level advisory lock on two int4 keys (lease.ts), or no wait. */
export const TAKE_LEASE = `SELECT pg_try_advisory_lock($1::int, $2::int) AS taken`;

/**
 * Sessions holding a lease's lock in this database (advisory locks are per database; two int4
 * keys show as classid, objid and objsubid 2): none, or the one backend that holds it.
 */
const LEASE_LOCKS = `
  FROM pg_locks
  WHERE locktype = 'advisory' AND granted AND classid = $1::oid AND objid = $2::oid AND objsubid = 2
    AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;

export const LEASE_HELD_HERE = `SELECT EXISTS (SELECT 1 ${LEASE_LOCKS} AND pid = pg_backend_pid()) AS held`;

export const LEASE_HOLDER = `SELECT pid ${LEASE_LOCKS}`;

export const EVENTS_CHANNEL = 'newsroom_events';

/**
 * Sent in a transaction of its own after appends commit. It writes no WAL, so its commit waits
 * for no flush, and it holds the cluster-wide NOTIFY lock only for itself.
 */
export const NOTIFY_FOLLOWERS = `SELECT pg_notify('${EVENTS_CHANNEL}', '')`;

export const LISTEN_FOR_EVENTS = `LISTEN ${EVENTS_CHANNEL}`;

/**
 * Every event of the streams with a prefix, by stream then revision (a rebuild's cursor), in the
 * shape of a SnapshotEvent, so the rows need no mapping. The time comes as the text
 * Date.toISOString prints for what the other reads return: UTC, to the millisecond, the
 * microseconds cut off (to_char's MS truncates, as the Date that pg parses does). Neither the
 * transaction id, which a replay has no use for, nor a Date per event is made.
 */
export const DECLARE_SNAPSHOT_CURSOR = `
  DECLARE log_snapshot NO SCROLL CURSOR FOR
  SELECT position, stream_id AS "streamId", revision, type, data, metadata,
    to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "recordedAt"
  FROM events WHERE stream_id LIKE $1 || '%' ORDER BY stream_id, revision`;

export const SNAPSHOT_AND_TOTAL = `
  SELECT pg_current_snapshot()::text AS snapshot, (SELECT count(*)::int FROM events WHERE stream_id LIKE $1 || '%') AS total`;

/** Events committed after a snapshot was taken (the ones it could not see). */
export const COMMITTED_SINCE = `
  SELECT ${COLUMNS} FROM events
  WHERE transaction_id >= pg_snapshot_xmin($1::pg_snapshot) AND NOT pg_visible_in_snapshot(transaction_id, $1::pg_snapshot)
    AND stream_id LIKE $2 || '%'
  ORDER BY stream_id, revision`;

/**
 * Recomputes each event's hash from its stored digest and the stored hash before it, and checks
 * its content against that digest, or, for a redacted event, against the digest listed for it by
 * the latest redaction record after it in its stream (an event whose metadata `redacts` lists
 * { revision, digest }: see the RedactableEventDigests migration). A revision that does not hold
 * is where the log was altered (or an event removed before it). The first row's predecessor is
 * `previous` (its stored hash and revision): none for a whole stream. The records are looked up
 * only for content that does not match its own digest: an unredacted log pays one digest a row.
 */
function chain(rows: string, previous = { hash: "''::bytea", revision: '0' }): string {
  return `
  SELECT stream_id, revision, hash,
         hash = event_hash(revision, type, content_digest, coalesce(lag(hash) OVER w, ${previous.hash}))
           AND revision = coalesce(lag(revision) OVER w, ${previous.revision}) + 1
           AND CASE WHEN event_content_digest(salt, data, metadata) = content_digest THEN true
                    ELSE coalesce(event_content_digest(salt, data, metadata) = (${listedDigest(rows)}), false) END AS holds
  FROM ${rows}`;
}

/** The digest the latest redaction record of the row's stream lists for the row's revision. */
function listedDigest(rows: string): string {
  return `
    SELECT decode(listed->>'digest', 'hex')
    FROM events record, jsonb_array_elements(record.metadata->'redacts') AS listed
    WHERE record.stream_id = ${rows}.stream_id AND record.revision > ${rows}.revision AND record.metadata ? 'redacts'
      AND (listed->>'revision')::int = ${rows}.revision
    ORDER BY record.revision DESC LIMIT 1`;
}

/**
 * The chain of one stream's revisions `$2` + 1 to `$2` + `$5`, the event before them being revision
 * `$4` with stored hash `$3` (none and empty before the first): a stream of any length is checked a
 * batch at a time, in constant memory on both sides. A range rather than a LIMIT, for the reason
 * READ_STREAM gives; where events were removed a batch holds fewer, and `more` says whether any
 * come after it. Answers the batch's count, its first revision that does not hold, and its last
 * revision and hash, where the next batch's chain goes on from.
 */
export const VERIFY_STREAM_BATCH = `
  WITH batch AS (
    SELECT * FROM events WHERE stream_id = $1 AND revision > $2::bigint AND revision <= $2::bigint + $5::bigint
  ), chain AS (
    ${chain('batch', { hash: '$3::bytea', revision: '$4::int' })} WINDOW w AS (ORDER BY revision)
  )
  SELECT count(*)::int AS revisions,
         min(revision) FILTER (WHERE NOT holds) AS broken_at,
         max(revision) AS last_revision,
         (SELECT hash FROM chain ORDER BY revision DESC LIMIT 1) AS last_hash,
         EXISTS (SELECT FROM events WHERE stream_id = $1 AND revision > $2::bigint + $5::bigint) AS more
  FROM chain`;

/**
 * The chains of the next `$2` streams after stream `$1` (in stream id order; '' for the first):
 * each stream's count and first revision that does not hold. The whole log is checked a batch of
 * streams per statement, so that a long audit can tell how far it has got.
 */
export const VERIFY_STREAMS_AFTER = `
  WITH streams AS (
    SELECT DISTINCT stream_id FROM events WHERE stream_id > $1 ORDER BY stream_id LIMIT $2
  ), batch AS (
    SELECT * FROM events WHERE stream_id IN (SELECT stream_id FROM streams)
  ), chain AS (
    ${chain('batch')} WINDOW w AS (PARTITION BY stream_id ORDER BY revision)
  )
  SELECT stream_id, count(*)::int AS revisions, min(revision) FILTER (WHERE NOT holds) AS broken_at
  FROM chain
  GROUP BY stream_id
  ORDER BY stream_id`;

export const COUNT_STREAMS = `SELECT count(DISTINCT stream_id)::int AS streams, count(*)::int AS events FROM events`;

/**
 * Rewrites the content of chosen events of one stream through redact_event, the one UPDATE the
 * table's immutability trigger lets through; answers the digest each rewritten event now has.
 */
export const REDACT_EVENTS = `
  SELECT r.revision, encode(redact_event($1, r.revision, r.data, r.metadata), 'hex') AS digest
  FROM unnest($2::int[], $3::jsonb[], $4::jsonb[]) AS r(revision, data, metadata)
  ORDER BY r.revision`;

/** The redaction records of one stream ($1), or of the whole log ($1 null), in log order. */
export const REDACTION_RECORDS = `
  SELECT ${COLUMNS} FROM events
  WHERE metadata ? 'redacts' AND ($1::text IS NULL OR stream_id = $1)
  ORDER BY stream_id, revision`;
