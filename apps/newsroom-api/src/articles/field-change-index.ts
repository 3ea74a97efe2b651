import { Injectable } from '@nestjs/common';
import type { ContentField } from '@newsroom/articles';
import { Pool } from 'pg';

/**
 * The later revisions that changed any of the fields given, from the index the append writes
 * beside each event (article_field_changes: the fields of the domain's `changeOf`, which
 * `revisionsTouching` reads off the events): one range of its (article_id, field, revision) key
 * per field, so the answer costs what it finds, not the story's length.
 */
const REVISIONS_TOUCHING = `
  SELECT DISTINCT revision FROM article_field_changes
  WHERE article_id = $1 AND field = ANY($2::text[]) AND revision > $3 AND revision <= $4
  ORDER BY revision`;

@Injectable()
export class FieldChangeIndex {
  constructor(private readonly pool: Pool) {}

  /** Revisions in (after, through] that changed any of `fields`, oldest first. */
  async revisionsTouching(articleId: string, fields: readonly ContentField[], after: number, through: number): Promise<number[]> {
    const { rows } = await this.pool.query<{ revision: number }>(REVISIONS_TOUCHING, [articleId, fields, after, through]);
    return rows.map((row) => row.revision);
  }
}
