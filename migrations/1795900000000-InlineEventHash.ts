import type { MigrationInterface, QueryRunner } from 'typeorm';

const BODY = `SELECT sha256(convert_to(revision::text || E'\\n' || type || E'\\n' || data::text || E'\\n' || metadata::text || E'\\n' || encode(previous, 'hex'), 'UTF8'))`;

/**
 * The same hash, declared STABLE. convert_to is STABLE, so PostgreSQL refused to inline a
 * function declared IMMUTABLE around it and ran the SQL-function executor for every append
 * instead: a third of the append statement's execution time. Inlined, it is a plain expression.
 * Every stored hash stays valid: the body is unchanged.
 */
export class InlineEventHash1795900000000 implements MigrationInterface {
  name = 'InlineEventHash1795900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION event_hash(revision integer, type text, data jsonb, metadata jsonb, previous bytea) RETURNS bytea
      LANGUAGE sql STABLE STRICT AS $$ ${BODY} $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION event_hash(revision integer, type text, data jsonb, metadata jsonb, previous bytea) RETURNS bytea
      LANGUAGE sql IMMUTABLE STRICT AS $$ ${BODY} $$`);
  }
}
