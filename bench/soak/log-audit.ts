import { Client } from 'pg';
import type { ArticlePool } from './article-pool';
import { type Ledger, scoped } from './ledger';

/** The log and the read models, read behind the API's back, held against what the load was told. */
export interface LogAudit {
  /** 2xx commands that appended (every one in the cycle does) plus the creations. */
  eventsWritten: number;
  eventsInLog: number;
  /** Acknowledged keys with no event: lost writes. */
  lost: number;
  /** Keys with more than one event, by actor and key in the metadata. */
  duplicated: number;
  /** The same by the scoped key the store keeps in its own column (`actor␟key`, unique-indexed). */
  duplicatedStored: number;
  /** Events whose key column differs from their metadata's, or is not scoped to their own actor. */
  storedKeyMismatch: number;
  /** Events whose key was never acknowledged: applied though the answer said otherwise, or none came. */
  unacknowledged: number;
  /** Of those, the ones whose command got no answer or an unexpected one (explained, not a loss). */
  unsettled: number;
  /** Events without an Idempotency-Key: the load sends one with every command, so none is expected. */
  unkeyed: number;
  /** Streams whose revisions are not exactly 1..n. */
  streamsWithGaps: number;
  /** Articles whose last event is not the revision the last 2xx answer gave. */
  headsOff: number;
  /** Current-article rows whose revision differs from their stream's last event (or missing). */
  articleRowsOff: number;
  /** History rows (one per revision) against the log. */
  revisionRows: number;
  /** Correction notices acknowledged against rows in the corrections feed. */
  noticesWritten: number;
  noticesInFeed: number;
}

export async function auditLog(databaseUrl: string, ledger: Ledger, pool: ArticlePool): Promise<LogAudit> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const count = async (sql: string, values: unknown[] = []): Promise<number> =>
      (await client.query<{ n: number }>(sql, values)).rows[0].n;
    const keys = await keyCounts(client, ledger);
    const heads = new Map(
      (
        await client.query<{ id: string; head: number }>(
          `SELECT substr(stream_id, 9) AS id, max(revision) AS head FROM events GROUP BY stream_id`,
        )
      ).rows.map((row) => [row.id, row.head]),
    );
    return {
      eventsWritten: ledger.appended.size,
      eventsInLog: await count(`SELECT count(*)::int AS n FROM events`),
      ...keys,
      duplicatedStored: await count(
        `SELECT count(*)::int AS n FROM (SELECT idempotency_key FROM events WHERE idempotency_key IS NOT NULL
         GROUP BY idempotency_key HAVING count(*) > 1) AS doubled`,
      ),
      storedKeyMismatch: await count(
        `SELECT count(*)::int AS n FROM events
         WHERE idempotency_key IS DISTINCT FROM metadata->>'idempotencyKey'
            OR NOT starts_with(idempotency_key, (metadata->>'actor') || $1)`,
        [scoped('', '')],
      ),
      streamsWithGaps: await count(
        `SELECT count(*)::int AS n FROM (SELECT stream_id FROM events GROUP BY stream_id
         HAVING min(revision) <> 1 OR max(revision) <> count(*) OR count(DISTINCT revision) <> count(*)) AS gaps`,
      ),
      headsOff: pool.articles.filter((article) => !article.unknown && heads.get(article.id) !== article.revision).length,
      articleRowsOff: await count(
        `SELECT count(*)::int AS n FROM articles a
         FULL JOIN (SELECT substr(stream_id, 9)::uuid AS id, max(revision) AS head FROM events GROUP BY stream_id) e USING (id)
         WHERE a.revision IS DISTINCT FROM e.head`,
      ),
      revisionRows: await count(`SELECT count(*)::int AS n FROM article_revisions`),
      noticesWritten: ledger.notices,
      noticesInFeed: await count(`SELECT count(*)::int AS n FROM corrections`),
    };
  } finally {
    await client.end();
  }
}

/**
 * Every key in the log, held against the ledger. The store records the key scoped to its actor
 * (`actor␟key`), in its own column and in the metadata alike: grouped by the metadata's here.
 */
async function keyCounts(
  client: Client,
  ledger: Ledger,
): Promise<Pick<LogAudit, 'lost' | 'duplicated' | 'unacknowledged' | 'unsettled' | 'unkeyed'>> {
  const { rows } = await client.query<{ key: string | null; n: number }>(
    `SELECT metadata->>'idempotencyKey' AS key, count(*)::int AS n FROM events GROUP BY 1`,
  );
  const seen = new Set<string>();
  const figures = { lost: 0, duplicated: 0, unacknowledged: 0, unsettled: 0, unkeyed: 0 };
  for (const row of rows) {
    if (row.key === null) {
      figures.unkeyed += row.n;
      continue;
    }
    const key = row.key;
    if (row.n > 1) figures.duplicated++;
    seen.add(key);
    if (!ledger.appended.has(key)) {
      figures.unacknowledged += row.n;
      if (ledger.unsettled.has(key)) figures.unsettled += row.n;
    }
  }
  for (const key of ledger.appended) if (!seen.has(key)) figures.lost++;
  return figures;
}
