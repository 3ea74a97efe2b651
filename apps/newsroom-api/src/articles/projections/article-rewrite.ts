import { type Article, emptyArticle } from '@newsroom/articles';
import type { RecordedEvent } from '@newsroom/event-store';
import type { PoolClient } from 'pg';
import { toArticleEvent } from '../article-stream';
import { emptyRows, rowsFor } from './read-model-rows';
import { type ReadModelTables, SERVED_TABLES } from './read-model-writer';

type Db = Pick<PoolClient, 'query'>;

/**
 * Replaces every read-model row of one article (its document, terms, revisions with their
 * snapshots and summaries, field changes and corrections-feed entries) with those its whole
 * stream folds to now, through `rowsFor`, the live projection's and the rebuild's own fold: after
 * a redaction rewrote the stream, nothing it took out survives in a read model. Run in the
 * caller's transaction, after `lockForRewrite` (projection-lock.ts).
 *
 * A feed entry the corrections follower writes meanwhile from the unredacted log is overwritten
 * (an upsert, not the follower's DO NOTHING), whichever of the two commits first.
 */
export async function rewriteArticleRows(
  db: Db,
  articleId: string,
  stream: readonly RecordedEvent[],
  tables: ReadModelTables = SERVED_TABLES,
): Promise<Article> {
  const rows = emptyRows();
  const article = rowsFor(emptyArticle(articleId), stream.map(toArticleEvent), [...stream], rows);
  const replace = async (table: string, idColumn: string, values: readonly object[], onConflict = ''): Promise<void> => {
    await db.query(`DELETE FROM ${table} WHERE ${idColumn} = $1`, [articleId]);
    if (values.length === 0) return;
    await db.query(`INSERT INTO ${table} AS t SELECT * FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb) ${onConflict}`, [
      JSON.stringify(values),
    ]);
  };
  await replace(tables.articles, 'id', rows.articles);
  await replace(tables.revisions, 'article_id', rows.revisions);
  await replace(tables.fieldChanges, 'article_id', rows.fieldChanges);
  await replace(tables.terms, 'article_id', rows.terms);
  await replace(
    tables.corrections,
    'article_id',
    rows.corrections,
    `ON CONFLICT (article_id, revision) DO UPDATE SET headline = excluded.headline, kind = excluded.kind,
       text = excluded.text, recorded_at = excluded.recorded_at, position = excluded.position`,
  );
  return article;
}
