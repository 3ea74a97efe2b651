import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The history names people as their token named them ("Anna Keller"), not only by the actor id
 * a provider gives them (`00u1ab2…@https://idp.example/`). The name was always recorded in each
 * event's metadata (`actorName`); this column lets the history read it without touching the log.
 *
 * Adding a nullable column without a default is a catalogue change only: no table rewrite, a
 * brief ACCESS EXCLUSIVE lock. The backfill rewrites only the rows whose event carried a name;
 * on a large live archive run it in batches by article instead, or rebuild the projections
 * (`npm run projections:rebuild`), which fills the column from the log like any other.
 */
export class RevisionActorName1796000000000 implements MigrationInterface {
  name = 'RevisionActorName1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE article_revisions ADD COLUMN actor_name text`);
    await queryRunner.query(`
      UPDATE article_revisions AS r
      SET actor_name = e.metadata->>'actorName'
      FROM events AS e
      WHERE e.position = r.position AND e.metadata->>'actorName' IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE article_revisions DROP COLUMN actor_name`);
  }
}
