import { auditorOrEditor } from './actors';
import type { SoakArticle } from './article-pool';
import { revisionOf } from './command-requests';
import { CYCLE_CATEGORY_SLUG } from './command-cycle';
import type { SoakAnswer } from './http-client';
import type { Load } from './workload';

export type ReadName =
  'article' | 'article-at-revision' | 'revisions' | 'revision' | 'diff' | 'corrections' | 'listing' | 'audit';

/** The listings a desk's tools poll: everything, by status, by the cycle's category. */
const LISTINGS = [
  '/articles?limit=20',
  '/articles?status=published&limit=20',
  '/articles?status=withdrawn&limit=20',
  '/articles?status=draft&limit=20',
  `/articles?category=${CYCLE_CATEGORY_SLUG}&limit=20`,
];
/** Share of history reads that go on to the next page, so that cursors are soaked too. */
const NEXT_PAGE_SHARE = 0.3;

/**
 * Every read must succeed: it only asks for revisions a 2xx answer has acknowledged. The current
 * article is also checked for "read your writes": never older than what was acknowledged when the
 * read was sent, rebuild or not.
 */
export const READS: Readonly<Record<ReadName, (load: Load) => Promise<void>>> = {
  article: async (load) => {
    const article = load.pool.any(load.random);
    const acknowledged = article.revision;
    const path = `/articles/${article.id}`;
    const answer = await get(load, 'article', path);
    if (!answer) return;
    const revision = revisionOf(answer);
    if (revision === undefined || revision < acknowledged) {
      load.tally.anomaly('stale-read', `GET ${path} answered ETag ${revision}, ${acknowledged} was acknowledged`);
    }
  },

  'article-at-revision': async (load) => {
    const article = load.pool.any(load.random);
    const n = load.random.int(1, article.revision);
    const path = `/articles/${article.id}?revision=${n}`;
    const answer = await get(load, 'article-at-revision', path);
    if (answer && revisionOf(answer) !== n) {
      load.tally.anomaly('wrong-revision', `GET ${path} answered ETag ${revisionOf(answer)}`);
    }
  },

  revisions: async (load) => {
    const article = load.pool.any(load.random);
    const path = `/articles/${article.id}/revisions?limit=20`;
    const answer = await get(load, 'revisions', path);
    if (!answer || !load.random.chance(NEXT_PAGE_SHARE)) return;
    const { nextCursor } = JSON.parse(answer.body.toString('utf8')) as { nextCursor: string | null };
    if (nextCursor) await get(load, 'revisions', `${path}&cursor=${encodeURIComponent(nextCursor)}`);
  },

  revision: async (load) => {
    const article = load.pool.any(load.random);
    await get(load, 'revision', `/articles/${article.id}/revisions/${load.random.int(1, article.revision)}`);
  },

  diff: async (load) => {
    const article = withHistory(load);
    if (!article) return READS.article(load);
    // Mostly nearby revisions, as an editor reviewing a change does; now and then the whole life.
    const whole = load.random.chance(0.1);
    const from = whole ? 1 : load.random.int(1, article.revision - 1);
    const to = whole ? article.revision : load.random.int(from + 1, Math.min(article.revision, from + 10));
    await get(load, 'diff', `/articles/${article.id}/diff?from=${from}&to=${to}`);
  },

  corrections: async (load) => {
    const path = '/corrections?limit=20';
    const answer = await get(load, 'corrections', path);
    if (!answer || !load.random.chance(NEXT_PAGE_SHARE)) return;
    const { nextCursor } = JSON.parse(answer.body.toString('utf8')) as { nextCursor: string | null };
    if (nextCursor) await get(load, 'corrections', `${path}&cursor=${encodeURIComponent(nextCursor)}`);
  },

  listing: async (load) => {
    await get(load, 'listing', load.random.pick(LISTINGS));
  },

  audit: async (load) => {
    const article = load.pool.any(load.random);
    const path = `/articles/${article.id}/audit`;
    const answer = await get(load, 'audit', path, auditorOrEditor(load.desk, load.random).authorization);
    if (!answer) return;
    const { verified } = JSON.parse(answer.body.toString('utf8')) as { verified: boolean };
    if (!verified) load.tally.anomaly('audit-not-verified', `GET ${path}: ${answer.body.toString('utf8').slice(0, 200)}`);
  },
};

/** The answer when it is the expected 200, else none (the tally has counted it). */
async function get(load: Load, kind: ReadName, path: string, authorization?: string): Promise<SoakAnswer | undefined> {
  const answer = await load.client.send({
    method: 'GET',
    path,
    headers: { authorization: authorization ?? load.random.pick(load.desk.everyone).authorization },
  });
  return load.tally.record(kind, `GET ${path}`, answer, 200) ? answer : undefined;
}

/** An article with at least two revisions, for a diff; a few tries, as nearly all have. */
function withHistory(load: Load): SoakArticle | undefined {
  for (let attempt = 0; attempt < 5; attempt++) {
    const article = load.pool.any(load.random);
    if (article.revision >= 2) return article;
  }
  return undefined;
}
