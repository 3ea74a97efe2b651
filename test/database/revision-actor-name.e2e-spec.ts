import { randomUUID } from 'node:crypto';
import { migrationUnderTest } from '../support/migration-under-test';

/**
 * The migration that gives the history its display names, run on a database that already holds
 * history: the column is filled from each event's recorded `actorName`, and undone cleanly.
 */
describe('migration RevisionActorName', () => {
  const { client, withIt: migrated } = migrationUnderTest('RevisionActorName1796000000000');

  it('fills the display name from the events that recorded one, and drops it again on the way down', async () => {
    const article = randomUUID();
    const metadata = [{ actor: 'anna@https://idp.example/', actorName: 'Anna Keller' }, { actor: 'eddie' }];
    for (const [index, meta] of metadata.entries()) {
      const revision = index + 1;
      const { rows } = await client.query<{ position: string }>(
        `INSERT INTO events (stream_id, revision, type, data, metadata) VALUES ($1, $2, 'HeadlineSet', '{}', $3) RETURNING position`,
        [`article-${article}`, revision, meta],
      );
      await client.query(
        `INSERT INTO article_revisions (article_id, revision, type, actor, recorded_at, summary, position)
         VALUES ($1, $2, 'HeadlineSet', $3, now(), 'Headline set', $4)`,
        [article, revision, meta.actor, rows[0].position],
      );
    }

    const withIt = await migrated();
    try {
      expect((await withIt.runMigrations()).map((m) => m.name)).toEqual(['RevisionActorName1796000000000']);
      const { rows } = await client.query('SELECT revision, actor_name FROM article_revisions ORDER BY revision');
      expect(rows).toEqual([
        { revision: 1, actor_name: 'Anna Keller' },
        { revision: 2, actor_name: null },
      ]);

      await withIt.undoLastMigration();
      const columns = await client.query(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'article_revisions' AND column_name = 'actor_name'`,
      );
      expect(columns.rows).toEqual([]);
    } finally {
      await withIt.destroy();
    }
  });
});
