import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partitions of the log. 16 on one server: each stays a sixteenth of the log, so that its
 * indexes fit in memory ten times longer than the whole table's would and vacuum works on one
 * at a time, while a read that cannot be pruned to one stream (readAll, an idempotency key)
 * merges only 16 index scans. A power of two, so that a later split (MODULUS 32) divides each
 * partition in two without moving rows between the others. Under Citus the partitioning is
 * replaced by `create_distributed_table('events', 'stream_id')`, whose shard count is its own.
 */
export const EVENT_PARTITIONS = 16;

const partitions = Array.from({ length: EVENT_PARTITIONS }, (_, i) => `events_p${String(i).padStart(2, '0')}`);

const COLUMNS = `position, stream_id, revision, type, data, metadata, idempotency_key, recorded_at, transaction_id, hash`;

/**
 * `events` becomes a table partitioned by hash of `stream_id`, with every unique key containing
 * `stream_id`, so that Citus can distribute it by `stream_id` unchanged and each append (one
 * stream) touches one partition (one shard):
 *
 * - PRIMARY KEY (stream_id, position) instead of (position). `position` is still one identity
 *   shared by every partition, written in the inserting transaction as before, so the global
 *   (transaction_id, position) order and the followers' gap-free, exactly-once reading are
 *   unchanged. Its uniqueness comes from the sequence (nothing may write it: GENERATED ALWAYS;
 *   on PostgreSQL 15 an insert straight into a partition even gets no position and is refused
 *   as NOT NULL, on 17 and later the partitions share the parent's identity).
 * - UNIQUE (stream_id, revision), named events_stream_revision_key on the parent; each
 *   partition's is events_pNN_stream_revision_key, and that is the name a unique violation
 *   reports (the store recognises both, libs/event-store/src/event-store.ts).
 * - The idempotency key: UNIQUE (idempotency_key, stream_id) WHERE idempotency_key IS NOT NULL
 *   (key first, so the lookup by key alone still probes one index per partition). That is
 *   uniqueness per stream: two appends racing with one key on two different streams can now
 *   both commit, where the global index refused the second. The append's own NOT EXISTS still
 *   refuses a key committed earlier on any stream (IdempotencyKeyConflictError), and for the
 *   API the key stays globally unique anyway: its key is scoped by actor (`actor␟key`), and the
 *   same statement inserts the (actor, key) primary key of idempotency_records, so a second
 *   append with it fails whatever its stream. Writers of the store without such a record get
 *   per-stream uniqueness under a race.
 * - (transaction_id, position) stays an index (partitioned): readAll merges the partitions'
 *   ranges in index order (Merge Append), still with no sort.
 *
 * Triggers. The row trigger events_chain_hash is declared on the parent and PostgreSQL (13 and
 * later, so 15 and 18 alike) clones it onto every partition. Statement triggers are not cloned
 * and fire only for the table a statement names, so events_are_immutable is declared on the
 * parent and on each partition: UPDATE, DELETE and TRUNCATE are refused whether they name
 * `events` or a partition, also when they match no row. No foreign key refers to `events`.
 *
 * Here it runs as one transaction that holds `events` in ACCESS EXCLUSIVE mode from the first
 * statement to the commit: reads and appends wait for the whole copy, which is fine for a test or
 * a small log. A live newsroom would run the same steps spread out: create the partitioned table
 * beside the log (events_partitioned, its partitions, indexes and triggers: no lock on `events`);
 * copy in batches, each its own short transaction, as a follower reads the log: in
 * (transaction_id, position) order after the last batch's end and only below
 * pg_snapshot_xmin(pg_current_snapshot()) (READ_ALL in libs/event-store/src/sql.ts), so that a
 * transaction still in flight with a small position is not skipped, while appends go on
 * (readers take ACCESS SHARE, the copy conflicts with no append); then one short transaction
 * that takes ACCESS EXCLUSIVE on `events` (appends and reads queue for it: run it with a
 * lock_timeout and retry), copies the rows past the last batch (all now committed), sets the new
 * identity from the old sequence, and renames the tables, indexes and sequence as `setAside`
 * does here. The old table is dropped afterwards. Followers' checkpoints stay valid: every row
 * keeps its position and transaction id.
 *
 * `down` rebuilds the plain table the same way. It fails if an idempotency key was used on two
 * streams meanwhile (the global unique index cannot hold them): those must be resolved first.
 */
export class PartitionEventLog1796300000000 implements MigrationInterface {
  name = 'PartitionEventLog1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`LOCK TABLE events IN ACCESS EXCLUSIVE MODE`);
    await this.setAside(queryRunner);

    await queryRunner.query(`
      CREATE TABLE events (
        position        bigint         GENERATED ALWAYS AS IDENTITY,
        stream_id       text           NOT NULL,
        revision        integer        NOT NULL CHECK (revision >= 1),
        type            text           NOT NULL,
        data            jsonb          NOT NULL,
        metadata        jsonb          NOT NULL,
        idempotency_key text,
        recorded_at     timestamptz(3) NOT NULL DEFAULT statement_timestamp(),
        transaction_id  xid8           NOT NULL DEFAULT pg_current_xact_id(),
        hash            bytea          NOT NULL,
        CONSTRAINT events_pkey PRIMARY KEY (stream_id, position)
      ) PARTITION BY HASH (stream_id)`);
    for (const [remainder, partition] of partitions.entries()) {
      // Named here, so that a lost race reports a name the store knows (events_pNN_…).
      await queryRunner.query(`
        CREATE TABLE ${partition} PARTITION OF events (
          CONSTRAINT ${partition}_stream_revision_key UNIQUE (stream_id, revision)
        ) FOR VALUES WITH (MODULUS ${EVENT_PARTITIONS}, REMAINDER ${remainder})`);
      await queryRunner.query(
        `CREATE UNIQUE INDEX ${partition}_idempotency_key_idx ON ${partition} (idempotency_key, stream_id) WHERE idempotency_key IS NOT NULL`,
      );
      await queryRunner.query(`CREATE INDEX ${partition}_transaction_position_idx ON ${partition} (transaction_id, position)`);
    }
    // Each attaches the partitions' equivalent indexes made above.
    await queryRunner.query(`ALTER TABLE events ADD CONSTRAINT events_stream_revision_key UNIQUE (stream_id, revision)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX events_idempotency_key_idx ON events (idempotency_key, stream_id) WHERE idempotency_key IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX events_transaction_position_idx ON events (transaction_id, position)`);

    await this.copyFromAside(queryRunner);
    await this.immutable(queryRunner, ['events', ...partitions]);
    await this.chainHash(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`LOCK TABLE events IN ACCESS EXCLUSIVE MODE`);
    await this.setAside(queryRunner);

    await queryRunner.query(`
      CREATE TABLE events (
        position        bigint         GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        stream_id       text           NOT NULL,
        revision        integer        NOT NULL CHECK (revision >= 1),
        type            text           NOT NULL,
        data            jsonb          NOT NULL,
        metadata        jsonb          NOT NULL,
        idempotency_key text,
        recorded_at     timestamptz(3) NOT NULL DEFAULT statement_timestamp(),
        transaction_id  xid8           NOT NULL DEFAULT pg_current_xact_id(),
        hash            bytea          NOT NULL,
        CONSTRAINT events_stream_revision_key UNIQUE (stream_id, revision)
      )`);
    await queryRunner.query(`CREATE INDEX events_transaction_position_idx ON events (transaction_id, position)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX events_idempotency_key_idx ON events (idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );

    await this.copyFromAside(queryRunner);
    await this.immutable(queryRunner, ['events']);
    await this.chainHash(queryRunner);
  }

  /**
   * Renames the current log, its sequence and its indexes out of the way (index names are the
   * schema's), so that the new table takes the old names.
   */
  private async setAside(queryRunner: QueryRunner): Promise<void> {
    const indexes: { name: string }[] = await queryRunner.query(`
      SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid IN (SELECT 'events'::regclass UNION ALL SELECT inhrelid FROM pg_inherits WHERE inhparent = 'events'::regclass)
        AND c.relnamespace = current_schema()::regnamespace`);
    await queryRunner.query(`ALTER TABLE events RENAME TO events_aside`);
    await queryRunner.query(`ALTER SEQUENCE events_position_seq RENAME TO events_aside_position_seq`);
    const parts: { name: string }[] = await queryRunner.query(
      `SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = 'events_aside'::regclass`,
    );
    for (const { name } of parts)
      await queryRunner.query(`ALTER TABLE ${name} RENAME TO ${name.replace(/^events_/, 'events_aside_')}`);
    for (const { name } of indexes) {
      await queryRunner.query(`ALTER INDEX ${name} RENAME TO ${name.replace(/^events_/, 'events_aside_')}`);
    }
  }

  /** Every row, with its own position, and the identity taken up where the old one stood. */
  private async copyFromAside(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO events (${COLUMNS}) OVERRIDING SYSTEM VALUE SELECT ${COLUMNS} FROM events_aside ORDER BY position`,
    );
    await queryRunner.query(`
      SELECT setval(pg_get_serial_sequence('events', 'position'), last_value, is_called)
      FROM events_aside_position_seq`);
    await queryRunner.query(`DROP TABLE events_aside`);
  }

  private async immutable(queryRunner: QueryRunner, tables: string[]): Promise<void> {
    for (const table of tables) {
      // Statement level, so that an UPDATE or DELETE fails even when it matches no row.
      await queryRunner.query(`
        CREATE TRIGGER events_are_immutable BEFORE UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION events_are_immutable()`);
    }
  }

  /** On a partitioned table, cloned onto every partition. */
  private async chainHash(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TRIGGER events_chain_hash BEFORE INSERT ON events
      FOR EACH ROW WHEN (NEW.hash IS NULL) EXECUTE FUNCTION events_chain_hash()`);
  }
}
