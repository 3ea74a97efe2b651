import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event log. Revisions are enforced by a unique key, immutability by a trigger, tamper
 * evidence by a hash chain per stream, and every row records the id of the transaction that
 * wrote it so that followers can read safely.
 */
export class CreateEventStore1795822314592 implements MigrationInterface {
  name = 'CreateEventStore1795822314592';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE events (
        position        bigint         GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        stream_id       text           NOT NULL,
        revision        integer        NOT NULL CHECK (revision >= 1),
        type            text           NOT NULL,
        data            jsonb          NOT NULL,
        metadata        jsonb          NOT NULL,
        idempotency_key text,
        -- Milliseconds, as a JavaScript Date holds them: an event's own time read back finds it.
        recorded_at     timestamptz(3) NOT NULL DEFAULT statement_timestamp(),
        transaction_id  xid8           NOT NULL DEFAULT pg_current_xact_id(),
        -- SHA-256 chained to the previous event of the stream (events_chain_hash below).
        hash            bytea          NOT NULL,
        CONSTRAINT events_stream_revision_key UNIQUE (stream_id, revision)
      )`);
    // Followers filter and sort on (transaction_id, position): a poll is an index range scan.
    await queryRunner.query(`CREATE INDEX events_transaction_position_idx ON events (transaction_id, position)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX events_idempotency_key_idx ON events (idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE FUNCTION events_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'events are immutable: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    // Statement level, so that an UPDATE or DELETE fails even when it matches no row.
    await queryRunner.query(`
      CREATE TRIGGER events_are_immutable BEFORE UPDATE OR DELETE OR TRUNCATE ON events
      FOR EACH STATEMENT EXECUTE FUNCTION events_are_immutable()`);

    // Tamper evidence: each event's hash covers its revision, type, data and metadata (jsonb's
    // own canonical text) and the previous event's hash, so altering any stored event breaks the
    // chain at exactly that revision. The database computes it, whoever writes.
    await queryRunner.query(`
      CREATE FUNCTION event_hash(revision integer, type text, data jsonb, metadata jsonb, previous bytea) RETURNS bytea
      LANGUAGE sql IMMUTABLE STRICT AS $$
        SELECT sha256(convert_to(revision::text || E'\n' || type || E'\n' || data::text || E'\n' || metadata::text || E'\n' || encode(previous, 'hex'), 'UTF8'))
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION events_chain_hash() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        previous bytea := ''::bytea;
      BEGIN
        IF NEW.revision > 1 THEN
          -- Rows written earlier by the same statement are visible here: a batch chains too.
          SELECT hash INTO previous FROM events WHERE stream_id = NEW.stream_id AND revision = NEW.revision - 1;
          IF previous IS NULL THEN
            RAISE EXCEPTION 'stream % has no revision %', NEW.stream_id, NEW.revision - 1 USING ERRCODE = 'foreign_key_violation';
          END IF;
        END IF;
        NEW.hash := event_hash(NEW.revision, NEW.type, NEW.data, NEW.metadata, previous);
        RETURN NEW;
      END $$`);
    // The store's append computes the hash itself in the same statement (cheaper); the trigger
    // fills it for any other writer. A wrong hash supplied by a writer is caught by verification.
    await queryRunner.query(`
      CREATE TRIGGER events_chain_hash BEFORE INSERT ON events
      FOR EACH ROW WHEN (NEW.hash IS NULL) EXECUTE FUNCTION events_chain_hash()`);

    // No NOTIFY trigger: it would serialise the commits of all appends cluster-wide. The store
    // notifies followers after its appends commit (libs/event-store/src/wake-ups.ts).

    await queryRunner.query(`
      CREATE TABLE subscription_checkpoints (
        subscriber     text        PRIMARY KEY,
        transaction_id xid8        NOT NULL,
        position       bigint      NOT NULL,
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE subscription_checkpoints`);
    await queryRunner.query(`DROP TABLE events`);
    await queryRunner.query(`DROP FUNCTION events_are_immutable()`);
    await queryRunner.query(`DROP FUNCTION events_chain_hash()`);
    await queryRunner.query(`DROP FUNCTION event_hash(integer, text, jsonb, jsonb, bytea)`);
  }
}
