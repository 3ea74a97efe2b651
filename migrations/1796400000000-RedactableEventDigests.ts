import type { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_HASH = `SELECT sha256(convert_to(revision::text || E'\\n' || type || E'\\n' || data::text || E'\\n' || metadata::text || E'\\n' || encode(previous, 'hex'), 'UTF8'))`;

/**
 * STABLE, like InlineEventHash's: convert_to is STABLE, and a function declared IMMUTABLE around it
 * would not be inlined into the append.
 */
const CONTENT_DIGEST = `
  CREATE FUNCTION event_content_digest(salt bytea, data jsonb, metadata jsonb) RETURNS bytea
  LANGUAGE sql STABLE STRICT AS $$ SELECT sha256(salt || convert_to(data::text || E'\\n' || metadata::text, 'UTF8')) $$`;

const NEW_HASH = `
  CREATE FUNCTION event_hash(revision integer, type text, content_digest bytea, previous bytea) RETURNS bytea
  LANGUAGE sql STABLE STRICT AS $$
    SELECT sha256(convert_to(revision::text || E'\\n' || type || E'\\n' || encode(content_digest, 'hex') || E'\\n' || encode(previous, 'hex'), 'UTF8'))
  $$`;

/** The chain in either scheme, recomputed into a temporary table: one row per event, its new hash. */
function rehash(hashOf: string): string {
  return `
  CREATE TEMPORARY TABLE rehashed ON COMMIT DROP AS
  WITH RECURSIVE chain AS (
    SELECT s.position, s.stream_id, s.revision, ${hashOf.replaceAll('previous', "''::bytea")} AS hash
    FROM salted s WHERE s.revision = 1
    UNION ALL
    SELECT s.position, s.stream_id, s.revision, ${hashOf.replaceAll('previous', 'c.hash')}
    FROM chain c JOIN salted s ON s.stream_id = c.stream_id AND s.revision = c.revision + 1
  )
  SELECT position, hash FROM chain`;
}

/** Streams whose stored chain does not hold under `hashOf`, with the first revision that does not. */
function brokenChains(hashOf: string): string {
  return `
  SELECT stream_id, min(revision) AS revision FROM (
    SELECT stream_id, revision,
           hash = ${hashOf.replaceAll('previous', "coalesce(lag(hash) OVER w, ''::bytea)")}
             AND revision = coalesce(lag(revision) OVER w, 0) + 1 AS holds
    FROM events WINDOW w AS (PARTITION BY stream_id ORDER BY revision)
  ) chain WHERE NOT holds GROUP BY stream_id ORDER BY stream_id LIMIT 10`;
}

const OLD_CHAIN = 'event_hash(revision, type, data, metadata, previous)';
const NEW_CHAIN = 'event_hash(revision, type, content_digest, previous)';
/** In the digest scheme a row must also match its own digest (no redaction exists on the way up or down). */
const NEW_CHAIN_AND_DIGEST = `${NEW_CHAIN} AND content_digest = event_content_digest(salt, data, metadata)`;

/**
 * A redaction record is an event whose metadata lists the events it redacted: `redacts`, an
 * array of { revision, digest } (the digest, hex, of the content it left). It is itself hashed
 * into the chain, and never redactable.
 */
const REDACT_EVENT = `
  CREATE FUNCTION redact_event(stream text, event_revision integer, new_data jsonb, new_metadata jsonb) RETURNS bytea
  LANGUAGE plpgsql AS $$
  DECLARE
    -- A new salt: the old one, with the original digest still in the row, would let anyone
    -- who can read the table confirm a guess at the passage.
    new_salt bytea := uuid_send(gen_random_uuid());
    digest bytea;
  BEGIN
    UPDATE events SET data = new_data, metadata = new_metadata, salt = new_salt
    WHERE stream_id = stream AND revision = event_revision AND NOT metadata ? 'redacts'
    RETURNING event_content_digest(new_salt, new_data, new_metadata) INTO digest;
    IF digest IS NULL THEN
      RAISE EXCEPTION 'stream % has no redactable revision %', stream, event_revision USING ERRCODE = 'no_data_found';
    END IF;
    RETURN digest;
  END $$`;

/**
 * Statement level, so that an UPDATE or DELETE fails even when it matches no row. The one UPDATE
 * let through is redact_event's own. A superuser can still bypass any trigger: what catches such
 * a change is the audit, for which a row's content must match its digest or a redaction record.
 */
const IMMUTABLE_EXCEPT_REDACTION = `
  CREATE OR REPLACE FUNCTION events_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    stack text;
  BEGIN
    IF TG_OP = 'UPDATE' THEN
      GET DIAGNOSTICS stack = PG_CONTEXT;
      IF position(E'\\nPL/pgSQL function redact_event(text,integer,jsonb,jsonb) line ' IN stack) > 0 THEN
        RETURN NULL;
      END IF;
    END IF;
    RAISE EXCEPTION 'events are immutable: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END $$`;

const IMMUTABLE = `
  CREATE OR REPLACE FUNCTION events_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'events are immutable: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END $$`;

/** Even a redaction rewrites only an event's content and salt: never its place, type, time or chain. */
const ONLY_CONTENT_CHANGES = `
  CREATE FUNCTION events_only_content_changes() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF (NEW.position, NEW.stream_id, NEW.revision, NEW.type, NEW.idempotency_key, NEW.recorded_at, NEW.transaction_id,
        NEW.content_digest, NEW.hash) IS DISTINCT FROM
       (OLD.position, OLD.stream_id, OLD.revision, OLD.type, OLD.idempotency_key, OLD.recorded_at, OLD.transaction_id,
        OLD.content_digest, OLD.hash) THEN
      RAISE EXCEPTION 'a redaction rewrites only an event''s data and metadata' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END $$`;

const CHAIN_TRIGGER_DIGEST = `
  CREATE OR REPLACE FUNCTION events_chain_hash() RETURNS trigger LANGUAGE plpgsql AS $$
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
    NEW.salt := coalesce(NEW.salt, uuid_send(gen_random_uuid()));
    NEW.content_digest := coalesce(NEW.content_digest, event_content_digest(NEW.salt, NEW.data, NEW.metadata));
    NEW.hash := coalesce(NEW.hash, event_hash(NEW.revision, NEW.type, NEW.content_digest, previous));
    RETURN NEW;
  END $$`;

const CHAIN_TRIGGER_CONTENT = `
  CREATE OR REPLACE FUNCTION events_chain_hash() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    previous bytea := ''::bytea;
  BEGIN
    IF NEW.revision > 1 THEN
      SELECT hash INTO previous FROM events WHERE stream_id = NEW.stream_id AND revision = NEW.revision - 1;
      IF previous IS NULL THEN
        RAISE EXCEPTION 'stream % has no revision %', NEW.stream_id, NEW.revision - 1 USING ERRCODE = 'foreign_key_violation';
      END IF;
    END IF;
    NEW.hash := event_hash(NEW.revision, NEW.type, NEW.data, NEW.metadata, previous);
    RETURN NEW;
  END $$`;

/**
 * Legal redaction without giving up tamper evidence. Each event gets a random salt and a
 * `content_digest`, SHA-256 of the salt and its data and metadata; the hash chain now commits to
 * the digest instead of the content. A redaction (redact_event, the one UPDATE the immutability
 * trigger allows) replaces an event's content and salt; its digest and hash stay, and the audit
 * accepts the new content because a later, chained redaction record lists its digest.
 *
 * The existing chain is verified in the old scheme first (re-hashing a broken chain would bless
 * the tampering), moved to the new one in a single pass per stream, and verified again. The table
 * is locked for writes throughout: a newsroom runs it in a maintenance window (seconds per
 * 100,000 events; see the test's figure).
 */
export class RedactableEventDigests1796400000000 implements MigrationInterface {
  name = 'RedactableEventDigests1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`LOCK TABLE events IN EXCLUSIVE MODE`);
    await refuseBroken(queryRunner, brokenChains(OLD_CHAIN), 'before moving it to content digests');
    await queryRunner.query(`ALTER TABLE events ADD COLUMN salt bytea, ADD COLUMN content_digest bytea`);
    await queryRunner.query(`DROP FUNCTION event_hash(integer, text, jsonb, jsonb, bytea)`);
    await queryRunner.query(CONTENT_DIGEST);
    await queryRunner.query(NEW_HASH);
    // A volatile call in a select list runs per row: every event gets a salt of its own.
    await queryRunner.query(`
      CREATE TEMPORARY TABLE salted ON COMMIT DROP AS
      SELECT position, stream_id, revision, type, salt, event_content_digest(salt, data, metadata) AS content_digest
      FROM (SELECT position, stream_id, revision, type, data, metadata, uuid_send(gen_random_uuid()) AS salt FROM events) e`);
    await queryRunner.query(`ALTER TABLE salted ADD PRIMARY KEY (stream_id, revision)`);
    await queryRunner.query(rehash('event_hash(s.revision, s.type, s.content_digest, previous)'));
    await queryRunner.query(`ALTER TABLE events DISABLE TRIGGER events_are_immutable`);
    await queryRunner.query(`
      UPDATE events e SET salt = s.salt, content_digest = s.content_digest, hash = r.hash
      FROM salted s JOIN rehashed r USING (position) WHERE e.position = s.position`);
    await queryRunner.query(`ALTER TABLE events ENABLE TRIGGER events_are_immutable`);
    await queryRunner.query(`ALTER TABLE events ALTER COLUMN salt SET NOT NULL, ALTER COLUMN content_digest SET NOT NULL`);
    await refuseBroken(queryRunner, brokenChains(NEW_CHAIN_AND_DIGEST), 'after moving it to content digests');

    await queryRunner.query(CHAIN_TRIGGER_DIGEST);
    await queryRunner.query(`DROP TRIGGER events_chain_hash ON events`);
    await queryRunner.query(`
      CREATE TRIGGER events_chain_hash BEFORE INSERT ON events
      FOR EACH ROW WHEN (NEW.hash IS NULL OR NEW.content_digest IS NULL) EXECUTE FUNCTION events_chain_hash()`);
    await queryRunner.query(ONLY_CONTENT_CHANGES);
    await queryRunner.query(`
      CREATE TRIGGER events_only_content_changes BEFORE UPDATE ON events
      FOR EACH ROW EXECUTE FUNCTION events_only_content_changes()`);
    await queryRunner.query(IMMUTABLE_EXCEPT_REDACTION);
    await queryRunner.query(REDACT_EVENT);
    // The audit looks up the records that list an event only for an event whose content no
    // longer matches its digest: few rows, so a small index.
    await queryRunner.query(
      `CREATE INDEX events_redaction_records_idx ON events (stream_id, revision) WHERE metadata ? 'redacts'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`LOCK TABLE events IN EXCLUSIVE MODE`);
    const { length } = await queryRunner.query(`SELECT 1 FROM events WHERE metadata ? 'redacts' LIMIT 1`);
    if (length > 0) {
      throw new Error(
        'RedactableEventDigests cannot be undone: the log holds redactions, and a redacted event no longer has the content the old hash chain committed to',
      );
    }
    await refuseBroken(queryRunner, brokenChains(NEW_CHAIN_AND_DIGEST), 'before moving it back to hashing content');
    await queryRunner.query(`DROP INDEX events_redaction_records_idx`);
    await queryRunner.query(`DROP FUNCTION redact_event(text, integer, jsonb, jsonb)`);
    await queryRunner.query(IMMUTABLE);
    await queryRunner.query(`DROP TRIGGER events_only_content_changes ON events`);
    await queryRunner.query(`DROP FUNCTION events_only_content_changes()`);
    await queryRunner.query(`DROP FUNCTION event_hash(integer, text, bytea, bytea)`);
    await queryRunner.query(`CREATE FUNCTION event_hash(revision integer, type text, data jsonb, metadata jsonb, previous bytea) RETURNS bytea
      LANGUAGE sql STABLE STRICT AS $$ ${OLD_HASH} $$`);
    await queryRunner.query(`
      CREATE TEMPORARY TABLE salted ON COMMIT DROP AS SELECT position, stream_id, revision, type, data, metadata FROM events`);
    await queryRunner.query(`ALTER TABLE salted ADD PRIMARY KEY (stream_id, revision)`);
    await queryRunner.query(rehash('event_hash(s.revision, s.type, s.data, s.metadata, previous)'));
    await queryRunner.query(`ALTER TABLE events DISABLE TRIGGER events_are_immutable`);
    await queryRunner.query(`UPDATE events e SET hash = r.hash FROM rehashed r WHERE e.position = r.position`);
    await queryRunner.query(`ALTER TABLE events ENABLE TRIGGER events_are_immutable`);
    await queryRunner.query(`DROP TRIGGER events_chain_hash ON events`);
    await queryRunner.query(CHAIN_TRIGGER_CONTENT);
    await queryRunner.query(`
      CREATE TRIGGER events_chain_hash BEFORE INSERT ON events
      FOR EACH ROW WHEN (NEW.hash IS NULL) EXECUTE FUNCTION events_chain_hash()`);
    await queryRunner.query(`ALTER TABLE events DROP COLUMN salt, DROP COLUMN content_digest`);
    await queryRunner.query(`DROP FUNCTION event_content_digest(bytea, jsonb, jsonb)`);
    await refuseBroken(queryRunner, brokenChains(OLD_CHAIN), 'after moving it back to hashing content');
  }
}

async function refuseBroken(queryRunner: QueryRunner, statement: string, when: string): Promise<void> {
  const broken: Array<{ stream_id: string; revision: number }> = await queryRunner.query(statement);
  if (broken.length === 0) return;
  const where = broken.map((b) => `${b.stream_id} at revision ${b.revision}`).join(', ');
  throw new Error(`RedactableEventDigests refused: the hash chain does not hold ${when} (${where})`);
}
