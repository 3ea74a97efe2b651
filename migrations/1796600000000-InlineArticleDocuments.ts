import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The article's document (and a revision's snapshot) stays in its row, compressed, instead of
 * moving to the TOAST table once compressed it still exceeds ~2 KB: STORAGE MAIN. Every command
 * rewrites the article's document, and the sample story's document (~3 KB of JSON) compresses to
 * just about 2 KB, so one command in two or three stored it out of line: a chunk written to the
 * TOAST table, an entry in its index, the old chunks deleted, all in the WAL (measured with
 * pg_walinspect, bench/api/wal-breakdown.ts: 1.1–2.2 KB of TOAST records per command, against
 * 130–180 B more in the row itself kept inline), and a read went through the TOAST index. A
 * document that is still too large compressed (about 8 KB) is moved out of line as before.
 *
 * Storage is a setting of the column for rows written from now on: no row is rewritten, no
 * content changes, and a row stored either way reads the same. `down` puts the default back.
 */
export class InlineArticleDocuments1796600000000 implements MigrationInterface {
  name = 'InlineArticleDocuments1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE articles ALTER COLUMN document SET STORAGE MAIN`);
    await queryRunner.query(`ALTER TABLE article_revisions ALTER COLUMN snapshot SET STORAGE MAIN`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE article_revisions ALTER COLUMN snapshot SET STORAGE EXTENDED`);
    await queryRunner.query(`ALTER TABLE articles ALTER COLUMN document SET STORAGE EXTENDED`);
  }
}
