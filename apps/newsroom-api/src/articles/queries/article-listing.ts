import { Injectable } from '@nestjs/common';
import type { Article } from '@newsroom/articles';
import { Pool } from 'pg';
import { PAGE_SIZE } from '../../contract/read-operations';
import { joinArticle, type StoredArticle } from '../projections/article-document';
import type { QueryOf } from '../../contract/typed-input';
import type { Page } from './article-history';
import { decodeCursor, encodeCursor } from './cursor';
import { headlineTerms } from './headline-terms';

/**
 * A page of the listing. The category and the headline are looked up in article_terms, which
 * carries their indexes, only when asked for: each statement is planned with its parameters,
 * so a filter left out (NULL) drops out of the plan.
 */
export const LIST = `
  SELECT a.document, a.blocks, a.updated_at FROM articles a
  WHERE ($1::text IS NULL OR a.status = $1)
    AND ($3::timestamptz IS NULL OR (a.updated_at, a.id) < ($3::timestamptz, $4::uuid))
    AND (($2::text IS NULL AND $6::text IS NULL) OR EXISTS (
      SELECT FROM article_terms t
      WHERE t.article_id = a.id
        AND ($2::text IS NULL OR t.category_slugs @> ARRAY[$2::text])
        AND ($6::text IS NULL OR (
          -- The longest term alone is what the trigram index serves; every term must match.
          headline_fold(t.headline) LIKE '%' || headline_fold($6) || '%'
          AND headline_fold(t.headline) LIKE ALL (ARRAY(SELECT '%' || headline_fold(w) || '%' FROM unnest($7::text[]) w))))))
  ORDER BY a.updated_at DESC, a.id DESC
  LIMIT $5`;

/** Articles, most recently changed first, filtered by status, category and headline, a page at a time. */
@Injectable()
export class ArticleListing {
  constructor(private readonly pool: Pool) {}

  async list(query: QueryOf<'listArticles'>): Promise<Page<Article>> {
    const limit = query.limit ?? PAGE_SIZE;
    const [updatedAt, id] = decodeCursor(query.cursor, ['time', 'uuid']) ?? [null, null];
    const terms = query.q === undefined ? null : headlineTerms(query.q);
    const { rows } = await this.pool.query<StoredArticle & { updated_at: Date }>(LIST, [
      query.status ?? null,
      query.category ?? null,
      updatedAt,
      id,
      limit + 1,
      terms?.longest ?? null,
      terms?.all ?? null,
    ]);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(joinArticle),
      nextCursor: rows.length > limit ? encodeCursor([last.updated_at.toISOString(), last.document.id]) : null,
    };
  }
}
