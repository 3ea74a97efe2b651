import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import type { InlineProjection, ProjectedChange } from './inline-projection';
import { emptyRows, rowsFor } from './read-model-rows';

/**
 * The article's row and its revision rows in one statement: a command's transaction makes one
 * round trip for its read models. The article's columns go as parameters of their own, so its
 * document is parsed once. The CTE writes `articles` first, the order in which a rebuild locks
 * the tables (projection-lock.ts).
 */
const WRITE_ARTICLE_CHANGE = `
  WITH article AS (
    INSERT INTO articles AS a (id, revision, status, category_slugs, updated_at, document)
    VALUES ($1, $2, $3, $4::text[], $5, $6::jsonb)
    ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, status = excluded.status,
      category_slugs = excluded.category_slugs, updated_at = excluded.updated_at, document = excluded.document
    WHERE a.revision < excluded.revision
  )
  INSERT INTO article_revisions
  SELECT * FROM jsonb_populate_recordset(NULL::article_revisions, $7::jsonb)
  ON CONFLICT DO NOTHING`;

/**
 * The current article and its revisions, written in the command's transaction. The corrections
 * feed is left to its follower (CorrectionsFollower).
 */
@Injectable()
export class ArticleProjection implements InlineProjection {
  async apply(client: PoolClient, change: ProjectedChange): Promise<void> {
    const rows = emptyRows();
    rowsFor(change.before, change.events, change.raw, rows);
    const [article] = rows.articles;
    await client.query({
      name: 'article-projection-write',
      text: WRITE_ARTICLE_CHANGE,
      values: [
        article.id,
        article.revision,
        article.status,
        article.category_slugs,
        article.updated_at,
        JSON.stringify(article.document),
        JSON.stringify(rows.revisions),
      ],
    });
  }
}
