import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read models, all filled from the event log: the current article (also the listing),
 * one row per revision (with periodic snapshots for time travel), and the corrections feed.
 */
export class CreateReadModels1795822735187 implements MigrationInterface {
  name = 'CreateReadModels1795822735187';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE articles (
        id             uuid        PRIMARY KEY,
        revision       integer     NOT NULL,
        status         text        NOT NULL,
        category_slugs text[]      NOT NULL,
        updated_at     timestamptz NOT NULL,
        document       jsonb       NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX articles_recent_idx ON articles (updated_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX articles_status_recent_idx ON articles (status, updated_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX articles_categories_idx ON articles USING gin (category_slugs)`);

    await queryRunner.query(`
      CREATE TABLE article_revisions (
        article_id     uuid        NOT NULL,
        revision       integer     NOT NULL,
        type           text        NOT NULL,
        actor          text        NOT NULL,
        reason         text,
        recorded_at    timestamptz NOT NULL,
        summary        text        NOT NULL,
        position       bigint      NOT NULL,
        correlation_id text,
        snapshot       jsonb,
        PRIMARY KEY (article_id, revision)
      )`);
    await queryRunner.query(`CREATE INDEX article_revisions_time_idx ON article_revisions (article_id, recorded_at)`);
    await queryRunner.query(
      `CREATE INDEX article_revisions_snapshot_idx ON article_revisions (article_id, revision) WHERE snapshot IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE corrections (
        article_id  uuid        NOT NULL,
        revision    integer     NOT NULL,
        headline    text,
        kind        text        NOT NULL,
        text        text        NOT NULL,
        recorded_at timestamptz NOT NULL,
        position    bigint      NOT NULL,
        PRIMARY KEY (article_id, revision)
      )`);
    await queryRunner.query(`CREATE INDEX corrections_feed_idx ON corrections (recorded_at DESC, position DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE corrections`);
    await queryRunner.query(`DROP TABLE article_revisions`);
    await queryRunner.query(`DROP TABLE articles`);
  }
}
