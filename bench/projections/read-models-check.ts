import { isDeepStrictEqual } from 'node:util';
import { Client } from 'pg';
import type { Article } from '@newsroom/articles';
import { joinArticle, type StoredArticle } from '../../apps/newsroom-api/src/articles/projections/article-document';

export interface ReadModelCounts {
  articles: number;
  revisions: number;
  snapshots: number;
  corrections: number;
}

/**
 * What the rebuild left in the served tables, checked against the generated log: a rebuild that
 * dropped rows would otherwise look fast. The article documents must be the template's final
 * state, give or take the id and the times.
 */
export async function checkReadModels(url: string, expected: ReadModelCounts, final: Article): Promise<ReadModelCounts> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<ReadModelCounts>(`
      SELECT (SELECT count(*)::int FROM articles) AS articles,
             (SELECT count(*)::int FROM article_revisions) AS revisions,
             (SELECT count(*)::int FROM article_revisions WHERE snapshot IS NOT NULL) AS snapshots,
             (SELECT count(*)::int FROM corrections) AS corrections`);
    const found = rows[0];
    for (const key of Object.keys(expected) as Array<keyof ReadModelCounts>) {
      if (found[key] !== expected[key]) throw new Error(`after the rebuild: ${found[key]} ${key}, expected ${expected[key]}`);
    }
    const { rows: sample } = await client.query<StoredArticle>('SELECT document, blocks FROM articles ORDER BY random() LIMIT 1');
    // jsonb orders an object's keys its own way: compared as values, not as text.
    const content = (article: Article): unknown[] => [
      article.revision,
      article.status,
      article.headline,
      article.blocks,
      article.categories,
      article.corrections.map(({ revision, kind, text }) => ({ revision, kind, text })),
    ];
    if (!isDeepStrictEqual(content(joinArticle(sample[0])), content(final)))
      throw new Error('a rebuilt article differs from the generated one');
    return found;
  } finally {
    await client.end();
  }
}

/**
 * The corrections feed's follower, as if it had followed the log as it was written: the rebuild
 * has just filled the feed, and a follower replaying a million events behind the reads measured
 * next is a start-up cost, not a read.
 */
export async function markFollowersCaughtUp(url: string, subscriber: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO subscription_checkpoints (subscriber, transaction_id, position)
       SELECT $1, transaction_id, position FROM events ORDER BY transaction_id DESC, position DESC LIMIT 1
       ON CONFLICT (subscriber) DO UPDATE SET transaction_id = excluded.transaction_id, position = excluded.position`,
      [subscriber],
    );
  } finally {
    await client.end();
  }
}
