import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partitions of the log: 64 (docs/SCALING.md §3.1). At the 10^9 events the plan is sized for,
 * each holds ~15.6 M events, ~15 GiB of heap: VACUUM, a freeze pass or REINDEX CONCURRENTLY works
 * on one at a time in minutes, where 16 partitions would make each an hour's job. More would not
 * shrink the appends' working set (hash on stream_id spreads every story over all of them) and
 * would cost the one read that cannot be pruned, readAll, one more index scan per partition per
 * poll. A power of two, so that a later split (MODULUS 128) divides each partition in two without
 * moving rows between the others; and 64 is also the shard count the Citus layout keeps.
 */
export const EVENT_PARTITIONS = 64;

const partitions = Array.from({ length: EVENT_PARTITIONS }, (_, i) => `events_p${String(i).padStart(2, '0')}`);

const COLUMNS = `position, stream_id, revision, type, data, metadata, idempotency_key, recorded_at, transaction_id, hash, salt, content_digest`;

/** The columns both shapes share, in the order RedactableEventDigests left them. */
const COLUMN_DEFINITIONS = `
  position        bigint         GENERATED ALWAYS AS IDENTITY,
  stream_id       text           NOT NULL,
  revision        integer        NOT NULL CONSTRAINT events_revision_check CHECK (revision >= 1),
  type            text           NOT NULL,
  data            jsonb          NOT NULL,
  metadata        jsonb          NOT NULL,
  idempotency_key text,
  recorded_at     timestamptz(3) NOT NULL DEFAULT statement_timestamp(),
  transaction_id  xid8           NOT NULL DEFAULT pg_current_xact_id(),
  hash            bytea          NOT NULL,
  salt            bytea          NOT NULL,
  content_digest  bytea          NOT NULL`;

/**
 * Streams whose hash chain does not hold, with the first revision that does not: the links only
 * (each hash over its revision, type, stored digest and the previous hash; revisions without a
 * gap). Whether content matches its digest, or a redaction record's, is the audit's question:
 * moving rows copies their content byte for byte, so it cannot change the answer.
 */
const BROKEN_LINKS = `
  SELECT stream_id, min(revision) AS revision FROM (
    SELECT stream_id, revision,
           hash = event_hash(revision, type, content_digest, coalesce(lag(hash) OVER w, ''::bytea))
             AND revision = coalesce(lag(revision) OVER w, 0) + 1 AS holds
    FROM events WINDOW w AS (PARTITION BY stream_id ORDER BY revision)
  ) chain WHERE NOT holds GROUP BY stream_id ORDER BY stream_id LIMIT 10`;

/**
 * What an append must know of its stream before it writes, in one call: the previous event's hash
 * (empty before the first), or NULL when the append must write nothing (the expected revision is
 * not there, or the stream already holds the idempotency key). Both probes name the stream, so at
 * run time each touches one partition. They are in a function because of how PostgreSQL plans a
 * prepared statement: read in the append itself, its generic plan holds all 64 partitions for each
 * probe and is costed as if it scanned them all, so PostgreSQL planned every append afresh, which
 * doubled its CPU (0.33 → 0.64 ms per keyed append). Here the plans are generic (SET, for this
 * function only), cached per session, and pruned to one partition as they start. STABLE: it reads
 * with the append's own snapshot, exactly as a subquery of the statement did.
 */
const STREAM_HEAD = `
  CREATE FUNCTION event_stream_head(stream text, expected integer, key text) RETURNS bytea
  LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
  BEGIN
    RETURN (SELECT CASE
      WHEN key IS NOT NULL AND EXISTS (SELECT FROM events WHERE stream_id = stream AND idempotency_key = key) THEN NULL
      WHEN expected = 0 THEN ''::bytea
      ELSE (SELECT hash FROM events WHERE stream_id = stream AND revision = expected) END);
  END $$`;

/**
 * `events` becomes a table partitioned by hash of `stream_id`, every unique key containing
 * `stream_id`, so that Citus can distribute it by `stream_id` unchanged and each append (one
 * stream) touches one partition (one shard):
 *
 * - PRIMARY KEY (stream_id, position) instead of (position). `position` stays one identity shared
 *   by every partition, drawn in the inserting transaction as before, so the global
 *   (transaction_id, position) order and the followers' gap-free, exactly-once reading are
 *   unchanged; its uniqueness comes from the sequence (GENERATED ALWAYS: nothing else writes it;
 *   on PostgreSQL 15 an insert straight into a partition gets no position and is refused as NOT
 *   NULL, on 17 and later the partitions share the parent's identity).
 * - UNIQUE (stream_id, revision), as before; each partition's key is named
 *   events_pNN_stream_revision_key, the name a lost race reports (the store knows both).
 * - UNIQUE (stream_id, idempotency_key) WHERE idempotency_key IS NOT NULL: the store's key is now
 *   unique per stream, and the append probes it with the stream (libs/event-store/src/sql.ts), so
 *   the probe is one partition's index, not 64. A key reused on another stream appends there. The
 *   API's keys stay exactly-once through idempotency_records (actor, key), written by the same
 *   statement as the append.
 * - The append's probes of its stream (the previous event, the key) move into event_stream_head
 *   (above), so that the append keeps one cached plan.
 * - (transaction_id, position) and the redaction records' (stream_id, revision) stay indexes,
 *   partitioned: readAll merges the partitions' ranges in index order (Merge Append), no sort.
 *
 * Triggers and functions. Every function of CreateEventStore and RedactableEventDigests names
 * `events` and is kept as it is. Row triggers declared on the parent are cloned onto every
 * partition (PostgreSQL 13 and later): events_chain_hash (fills salt, digest and hash an insert
 * left empty) and events_only_content_changes (keeps even redact_event to data, metadata and
 * salt). Statement triggers are not cloned and fire only for the table a statement names, so
 * events_are_immutable is declared on the parent and on each partition: UPDATE, DELETE and
 * TRUNCATE are refused whether they name `events` or a partition, also when they match no row.
 * redact_event's UPDATE names `events`, so the parent's trigger is the one that lets it through;
 * the same UPDATE on a partition is refused. No foreign key or view refers to `events`.
 *
 * Here it runs as one transaction that holds `events` in ACCESS EXCLUSIVE mode from the first
 * statement to the commit: reads and appends wait for the whole copy, fine for a small log (the
 * test's figure: ~1,000 events in well under a second). A live newsroom runs the same steps spread
 * out: create the partitioned table beside the log (events_partitioned, its partitions, indexes
 * and triggers: no lock on `events`); copy in batches of ~10,000, each its own short transaction,
 * the way a follower reads the log: in (transaction_id, position) order after the last batch's
 * end and only below pg_snapshot_xmin(pg_current_snapshot()) (READ_ALL in sql.ts), so that a
 * transaction still in flight with a small position is not skipped, while appends go on (the copy
 * takes ACCESS SHARE, which conflicts with no append); redactions meanwhile must wait (take
 * redact_event away, or copy a redacted stream again). Then one short transaction takes ACCESS
 * EXCLUSIVE on `events` (appends and reads queue behind it: run it with a lock_timeout of a second
 * or two and retry), copies the rows past the last batch (all committed now), checks the chain,
 * sets the new identity from the old sequence and renames the tables, indexes and sequence as
 * `setAside` does here. The old table is dropped afterwards. Followers' checkpoints stay valid:
 * every row keeps its position and transaction id.
 *
 * `down` rebuilds the plain table the same way. It fails if an idempotency key was used on two
 * streams meanwhile (the global unique index cannot hold both): those must be resolved first.
 */
export class PartitionEventLog1796500000000 implements MigrationInterface {
  name = 'PartitionEventLog1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`LOCK TABLE events IN ACCESS EXCLUSIVE MODE`);
    await this.setAside(queryRunner);

    await queryRunner.query(`
      CREATE TABLE events (${COLUMN_DEFINITIONS},
        CONSTRAINT events_pkey PRIMARY KEY (stream_id, position)
      ) PARTITION BY HASH (stream_id)`);
    for (const [remainder, partition] of partitions.entries()) {
      // Named here, so that a lost race reports a name the store knows (events_pNN_…).
      await queryRunner.query(`
        CREATE TABLE ${partition} PARTITION OF events (
          CONSTRAINT ${partition}_stream_revision_key UNIQUE (stream_id, revision)
        ) FOR VALUES WITH (MODULUS ${EVENT_PARTITIONS}, REMAINDER ${remainder})`);
      await queryRunner.query(
        `CREATE UNIQUE INDEX ${partition}_idempotency_key_idx ON ${partition} (stream_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
      );
    }
    // Each attaches the partitions' equivalent indexes made above, or makes and names its own.
    await queryRunner.query(`ALTER TABLE events ADD CONSTRAINT events_stream_revision_key UNIQUE (stream_id, revision)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX events_idempotency_key_idx ON events (stream_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );
    await this.commonIndexes(queryRunner);

    await this.copyFromAside(queryRunner);
    await this.triggers(queryRunner, ['events', ...partitions]);
    await queryRunner.query(STREAM_HEAD);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`LOCK TABLE events IN ACCESS EXCLUSIVE MODE`);
    await queryRunner.query(`DROP FUNCTION event_stream_head(text, integer, text)`);
    await this.setAside(queryRunner);

    await queryRunner.query(`
      CREATE TABLE events (${COLUMN_DEFINITIONS},
        CONSTRAINT events_pkey PRIMARY KEY (position),
        CONSTRAINT events_stream_revision_key UNIQUE (stream_id, revision)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX events_idempotency_key_idx ON events (idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );
    await this.commonIndexes(queryRunner);

    await this.copyFromAside(queryRunner);
    await this.triggers(queryRunner, ['events']);
  }

  private async commonIndexes(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX events_transaction_position_idx ON events (transaction_id, position)`);
    await queryRunner.query(
      `CREATE INDEX events_redaction_records_idx ON events (stream_id, revision) WHERE metadata ? 'redacts'`,
    );
  }

  /**
   * Renames the current log, its partitions, sequence and indexes out of the way (index names are
   * the schema's), so that the new table takes the old names.
   */
  private async setAside(queryRunner: QueryRunner): Promise<void> {
    const indexes: { name: string }[] = await queryRunner.query(`
      SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid IN (SELECT 'events'::regclass UNION ALL SELECT inhrelid FROM pg_inherits WHERE inhparent = 'events'::regclass)
        AND c.relnamespace = current_schema()::regnamespace`);
    const parts: { name: string }[] = await queryRunner.query(
      `SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = 'events'::regclass`,
    );
    await queryRunner.query(`ALTER TABLE events RENAME TO events_aside`);
    await queryRunner.query(`ALTER SEQUENCE events_position_seq RENAME TO events_aside_position_seq`);
    for (const { name } of parts) await queryRunner.query(`ALTER TABLE ${name} RENAME TO ${aside(name)}`);
    for (const { name } of indexes) await queryRunner.query(`ALTER INDEX ${name} RENAME TO ${aside(name)}`);
  }

  /**
   * Every row, with its own position, transaction, salt, digest and hash (the chain trigger fires
   * only for an empty hash or digest, and is created afterwards anyway); the identity taken up where
   * the old one stood, and the chain checked on the new table before the old one is dropped.
   */
  private async copyFromAside(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO events (${COLUMNS}) OVERRIDING SYSTEM VALUE SELECT ${COLUMNS} FROM events_aside ORDER BY position`,
    );
    await queryRunner.query(`
      SELECT setval(pg_get_serial_sequence('events', 'position'), last_value, is_called)
      FROM events_aside_position_seq`);
    const broken: Array<{ stream_id: string; revision: number }> = await queryRunner.query(BROKEN_LINKS);
    if (broken.length > 0) {
      const where = broken.map((b) => `${b.stream_id} at revision ${b.revision}`).join(', ');
      throw new Error(`PartitionEventLog refused: the hash chain does not hold after the copy (${where})`);
    }
    await queryRunner.query(`DROP TABLE events_aside`);
  }

  private async triggers(queryRunner: QueryRunner, statementLevel: string[]): Promise<void> {
    for (const table of statementLevel) {
      // Statement level, so that an UPDATE or DELETE fails even when it matches no row.
      await queryRunner.query(`
        CREATE TRIGGER events_are_immutable BEFORE UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION events_are_immutable()`);
    }
    // Row triggers: on a partitioned table, cloned onto every partition.
    await queryRunner.query(`
      CREATE TRIGGER events_chain_hash BEFORE INSERT ON events
      FOR EACH ROW WHEN (NEW.hash IS NULL OR NEW.content_digest IS NULL) EXECUTE FUNCTION events_chain_hash()`);
    await queryRunner.query(`
      CREATE TRIGGER events_only_content_changes BEFORE UPDATE ON events
      FOR EACH ROW EXECUTE FUNCTION events_only_content_changes()`);
  }
}

function aside(name: string): string {
  return name.replace(/^events_/, 'events_aside_');
}
