import type { Desk } from './actors';
import type { ArticlePool } from './article-pool';
import { editOne, fileOne } from './command-requests';
import type { SoakClient } from './http-client';
import type { Ledger } from './ledger';
import type { Random } from './random';
import { READS, type ReadName } from './read-requests';
import type { Tally } from './tally';

/** Everything a request needs: the connection pool, the articles, the desk and the books. */
export interface Load {
  client: SoakClient;
  pool: ArticlePool;
  desk: Desk;
  ledger: Ledger;
  random: Random;
  /** Swapped between phases: the warm-up's answers are checked but not reported. */
  tally: Tally;
}

type Operation = 'edit' | 'file' | ReadName;

/**
 * The mix, in relative weights: about a third edits, as on a desk in the middle of a story, and
 * the rest reads, current and past. A few new stories keep arriving, so the listings and the log
 * keep growing as they do in production.
 */
const MIX: Readonly<Record<Operation, number>> = {
  edit: 34,
  file: 0.5,
  article: 18,
  'article-at-revision': 10,
  revisions: 8,
  revision: 6,
  diff: 10,
  corrections: 5,
  listing: 6,
  audit: 2,
};

/** One request (or a short exchange: a replay, a next page) chosen from the mix. */
export async function oneOperation(load: Load): Promise<void> {
  const operation = load.random.weighted(MIX);
  if (operation === 'edit') {
    const article = load.pool.checkout();
    // Every article is being edited by another connection: read instead of waiting.
    if (article) return editOne(load, article);
    return READS.article(load);
  }
  if (operation === 'file') return fileOne(load);
  return READS[operation](load);
}
