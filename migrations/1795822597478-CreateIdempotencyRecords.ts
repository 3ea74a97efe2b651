import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The first answer given under each (actor, Idempotency-Key), replayed to retries. */
export class CreateIdempotencyRecords1795822597478 implements MigrationInterface {
  name = 'CreateIdempotencyRecords1795822597478';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_records (
        actor        text        NOT NULL,
        key          text        NOT NULL,
        request_hash text        NOT NULL,
        status       smallint    NOT NULL,
        body         text        NOT NULL, -- text, not jsonb: a replay answers byte for byte
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (actor, key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_records`);
  }
}
