import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import type { InlineProjection, ProjectedChange } from './inline-projection';
import { emptyRows, rowsFor } from './read-model-rows';
import { writeRows } from './read-model-writer';

/**
 * The current article and its revisions, written in the command's transaction. The corrections
 * feed is left to its follower (CorrectionsFollower).
 */
@Injectable()
export class ArticleProjection implements InlineProjection {
  async apply(client: PoolClient, change: ProjectedChange): Promise<void> {
    const rows = emptyRows();
    rowsFor(change.before, change.events, change.raw, rows);
    await writeRows(client, { ...rows, corrections: [] });
  }
}
