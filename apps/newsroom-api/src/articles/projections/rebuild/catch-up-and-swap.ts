import { type Article, emptyArticle } from '@newsroom/articles';
import { EventStore, isRedactionRecord, LogSnapshot } from '@newsroom/event-store';
import type { Pool, PoolClient } from 'pg';
import { streamIdOf, toArticleEvent } from '../../article-stream';
import { joinArticle, type StoredArticle } from '../article-document';
import { rewriteArticleRows } from '../article-rewrite';
import { holdProjectionsExclusive } from '../projection-lock';
import { emptyRows, rowsFor } from '../read-model-rows';
import { writeRows } from '../read-model-writer';
import { ARTICLE_STREAMS, runsByArticle } from './article-runs';
import { REBUILD_TABLES, swapInRebuildTables } from './rebuild-tables';

/**
 * With commands held off for a moment, applies to the copies what was committed after the
 * replay's snapshot, then swaps the copies in, in one transaction: readers see the old tables
 * until it commits, the new ones after. Returns the events caught up.
 *
 * These events continue articles already in the copies, so they go through the live writer
 * (upserts), not COPY; there are few of them.
 */
export async function catchUpAndSwap(pool: Pool, snapshot: string): Promise<number> {
  const client = await pool.connect();
  const ignore = () => undefined;
  client.on('error', ignore);
  try {
    await client.query('BEGIN');
    await holdProjectionsExclusive(client);
    const late = await LogSnapshot.committedSince(client, snapshot, ARTICLE_STREAMS);
    const rows = emptyRows();
    const redacted: string[] = [];
    for (const run of runsByArticle(late)) {
      if (run.events.some((event) => isRedactionRecord(event.metadata))) redacted.push(run.articleId);
      else rowsFor(await rebuiltArticle(client, run.articleId), run.events.map(toArticleEvent), run.events, rows);
    }
    await writeRows(client, rows, REBUILD_TABLES);
    // A redaction meanwhile rewrote events the replay had already copied: fold those articles
    // again from the log as it is now, or the swap would bring the passage back.
    const store = new EventStore(pool);
    for (const id of redacted) {
      await rewriteArticleRows(client, id, await store.readStream(streamIdOf(id), {}, client), REBUILD_TABLES);
    }
    await swapInRebuildTables(client);
    await client.query('COMMIT');
    return late.length;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.off('error', ignore);
    client.release();
  }
}

/** The article as the replay left it in the copy; a stream begun after the snapshot starts empty. */
async function rebuiltArticle(client: PoolClient, id: string): Promise<Article> {
  const { rows } = await client.query<StoredArticle>(`SELECT document, blocks FROM ${REBUILD_TABLES.articles} WHERE id = $1`, [
    id,
  ]);
  return rows[0] ? joinArticle(rows[0]) : emptyArticle(id);
}
