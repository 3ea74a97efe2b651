import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The article's body blocks move out of `articles.document` into a column of their own,
 * `articles.blocks`, stored out of line. Every command rewrites the article's row, and with the
 * blocks inside the document (~3 KB of JSON, ~1.9 KB compressed in the row since
 * InlineArticleDocuments) a command that changed only a category, the headline or the status
 * wrote the whole body to the WAL again. Now such a command writes the small document (~350 B)
 * and keeps the blocks' TOAST pointer: PostgreSQL copies an unchanged out-of-line value by
 * reference, with no chunk written. Kept in the row (STORAGE MAIN, compressed), unchanged blocks
 * are still copied with each new row version.
 *
 * A row is toasted once it exceeds ~2 KB; toast_tuple_target = 128 (the least) then moves the
 * blocks out of line whatever they compress to, where the default target (~2 KB) kept the sample
 * story's compressed blocks in the row after some edits and not after others. A short story's
 * row stays under 2 KB and whole, as before. The document stays in the row (MAIN). A command
 * that changes the blocks writes them as a TOAST chunk, a little more than the inline row did.
 * Measured with bench/api/wal-breakdown.ts over bench:api's mix (half text corrections, half
 * category changes), WAL per command: 5,562 B before, 4,872 B after (corrections 5,963 → 6,119 B,
 * category add/remove 5,252/5,072 → 3,894/3,355 B); blocks in the row (MAIN) 5,169 B; out of
 * line at the default target 5,106 B.
 *
 * One transaction (TypeORM runs the pending migrations in one): ADD COLUMN holds `articles`
 * exclusively until it commits, so reads and commands of articles wait while every row is
 * rewritten once, ~12,000 articles/s here (20,000 stories of ~3 KB in 1.7 s, machine load 5): a
 * newsroom of 10^5 articles waits ~8 s (10^7 would wait ~14 min: batch it by id ranges first,
 * with the API writing both shapes, before it gets there). Stop the API processes of the previous
 * version before it runs (no rolling deploy across this migration): they read the document alone,
 * and would answer articles without their body. `down` puts the blocks back into the
 * document; jsonb orders keys its own way, so it is the same document, byte for byte.
 */
export class ArticleBlocks1796700000000 implements MigrationInterface {
  name = 'ArticleBlocks1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE articles ADD COLUMN blocks jsonb`);
    await queryRunner.query(`ALTER TABLE articles ALTER COLUMN blocks SET STORAGE EXTENDED`);
    await queryRunner.query(`ALTER TABLE articles SET (toast_tuple_target = 128)`);
    await queryRunner.query(`UPDATE articles SET blocks = coalesce(document->'blocks', '[]'), document = document - 'blocks'`);
    await queryRunner.query(`ALTER TABLE articles ALTER COLUMN blocks SET NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`LOCK TABLE articles IN EXCLUSIVE MODE`);
    await queryRunner.query(`UPDATE articles SET document = document || jsonb_build_object('blocks', blocks)`);
    await queryRunner.query(`ALTER TABLE articles DROP COLUMN blocks`);
    await queryRunner.query(`ALTER TABLE articles RESET (toast_tuple_target)`);
  }
}
