import { randomUUID } from 'node:crypto';
import { ARTICLE_SCHEMA_VERSION, type ArticleCommand, changeOf } from '@newsroom/articles';
import { givenSample } from '../../libs/articles/src/testing/given';
import { migrationUnderTest } from '../support/migration-under-test';

/** A history touching every kind of field: blocks, the headline, categories, a revert and a restore. */
const EDITS: ArticleCommand[] = [
  { type: 'FixAttribution', find: "Citizen Free Press's Matthew Chance", replace: "CNN's Matthew Chance" },
  { type: 'ChangeHeadline', headline: 'Biden and Putin meet in Geneva' },
  { type: 'AddCategory', label: 'Diplomacy' },
  { type: 'CorrectText', find: 'cyberspace', replace: 'cyber space' },
  { type: 'RevertChange', revision: 3 },
  { type: 'AddCategory', label: 'Cybersecurity' },
  { type: 'RemoveCategory', slug: 'diplomacy' },
  { type: 'CorrectText', find: 'Wednesday', replace: 'Thursday' },
  { type: 'RestoreArticle', revision: 2 },
];

/** More articles than fit one batch of the backfill (5,000 events), so that batches join. */
const ARTICLES = Math.ceil(5000 / (EDITS.length + 1)) + 3;

/**
 * The migration that indexes the fields each revision changed, run on a database that already
 * holds history: every article event's fields, as the domain computes them, across batches.
 */
describe('migration ArticleFieldChanges', () => {
  const { client, withIt: migrated } = migrationUnderTest('ArticleFieldChanges1796200000000');
  const { history } = givenSample(...EDITS);

  it('fills the index from every article event with the domain’s fields, and drops it again on the way down', async () => {
    const ids = Array.from({ length: ARTICLES }, () => randomUUID()).sort();
    const streams = ids.flatMap((id) => history.map(() => `article-${id}`));
    const events = ids.flatMap(() => history);
    await client.query(
      `INSERT INTO events (stream_id, revision, type, data, metadata)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::jsonb[], $5::jsonb[])`,
      [
        streams,
        events.map((e) => e.revision),
        events.map((e) => e.event.type),
        events.map((e) => JSON.stringify(e.event.data)),
        events.map(() => JSON.stringify({ actor: 'eddie', schemaVersion: ARTICLE_SCHEMA_VERSION })),
      ],
    );
    await client.query(
      `INSERT INTO events (stream_id, revision, type, data, metadata) VALUES ('other-1', 1, 'Noted', '{}', '{}')`,
    );

    const withIt = await migrated();
    try {
      expect((await withIt.runMigrations()).map((m) => m.name)).toEqual(['ArticleFieldChanges1796200000000']);
      const perRevision = history.flatMap((recorded) =>
        [...changeOf(recorded).fields].map((field) => [field, recorded.revision]),
      );
      expect(new Set(perRevision.map(([field]) => String(field).split(':')[0]))).toEqual(
        new Set(['headline', 'block', 'category']),
      );
      const expected = ids
        .flatMap((id) => perRevision.map(([field, revision]) => `${id} ${field} ${revision}`))
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const { rows } = await client.query<{ row: string }>(
        `SELECT row FROM (SELECT article_id || ' ' || field || ' ' || revision AS row FROM article_field_changes) AS t
         ORDER BY row COLLATE "C"`,
      );
      expect(rows.map((r) => r.row)).toEqual(expected);

      await withIt.undoLastMigration();
      const { rows: tables } = await client.query(`SELECT FROM pg_tables WHERE tablename = 'article_field_changes'`);
      expect(tables).toEqual([]);
    } finally {
      await withIt.destroy();
    }
  });
});
