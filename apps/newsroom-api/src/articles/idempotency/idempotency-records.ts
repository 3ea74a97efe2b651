import { Injectable } from '@nestjs/common';
import type { AlongsideWrite } from '@newsroom/event-store';
import type { Pool, PoolClient } from 'pg';
import { type Article, redactArticle } from '@newsroom/articles';
import { DataSource } from 'typeorm';
import { poolOf } from '@newsroom/database';

/** The article a command answered with: the article at a revision, which the read models keep. */
export interface AnsweredRevision {
  article: string;
  revision: number;
}

export interface IdempotencyRecord {
  requestHash: string;
  status: 200 | 201;
  /** The answer: a revision to read again, or (rows written before answers were references) the body itself. */
  answer: AnsweredRevision | { body: unknown };
  /** The answer's Merged-From, replayed with it. */
  mergedFrom?: number;
}

const FIND = `SELECT request_hash, status, body FROM idempotency_records WHERE actor = $1 AND key = $2`;
const INSERT = `INSERT INTO idempotency_records (actor, key, request_hash, status, body) VALUES ($1, $2, $3, $4, $5)`;
const INSERT_IF_ABSENT = `${INSERT} ON CONFLICT DO NOTHING`;
const INSERT_WITH_APPEND = `INSERT INTO idempotency_records (actor, key, request_hash, status, body) SELECT $1, $2, $3, $4, $5 FROM (SELECT FROM appended LIMIT 1) AS written`;

/**
 * The first answer given under each (actor, Idempotency-Key), so that a retry gets the same
 * status and body. Keys are scoped per actor: two editors cannot collide.
 */
@Injectable()
export class IdempotencyRecords {
  private readonly pool: Pool;

  constructor(dataSource: DataSource) {
    this.pool = poolOf(dataSource);
  }

  async find(actor: string, key: string): Promise<IdempotencyRecord | undefined> {
    const { rows } = await this.pool.query<{ request_hash: string; status: 200 | 201; body: string }>(FIND, [actor, key]);
    return rows[0] && { requestHash: rows[0].request_hash, status: rows[0].status, ...fromStored(rows[0].body) };
  }

  /** Written by the append's own statement: a concurrent twin makes the append fail. */
  withAppend(actor: string, key: string, record: IdempotencyRecord): AlongsideWrite {
    return { text: INSERT_WITH_APPEND, values: [actor, key, record.requestHash, record.status, toStored(record)] };
  }

  /**
   * Redacts a passage from the answers kept whole for an article (rows written before answers
   * were references, which hold the article's text), in the redaction's transaction. References
   * need nothing: their replay reads the redacted read models.
   */
  async redactStoredAnswers(db: Pick<PoolClient, 'query'>, articleId: string, passage: string): Promise<void> {
    const { rows } = await db.query<{ actor: string; key: string; body: string }>(
      `SELECT actor, key, body FROM idempotency_records WHERE strpos(body, $1) > 0 FOR UPDATE`,
      [`"${articleId}"`],
    );
    for (const row of rows) {
      const stored = JSON.parse(row.body) as StoredAnswer;
      const whole = 'id' in stored ? stored : stored.answered ? undefined : (stored.answer as { id?: unknown } | undefined);
      if (whole?.id !== articleId) continue;
      const redacted = redactArticle(whole as Article, passage);
      const body = JSON.stringify('id' in stored ? redacted : { ...stored, answer: redacted });
      if (body !== row.body) {
        await db.query('UPDATE idempotency_records SET body = $3 WHERE actor = $1 AND key = $2', [row.actor, row.key, body]);
      }
    }
  }

  /** For answers that appended nothing; false when a twin got there first. */
  async insertIfAbsent(actor: string, key: string, record: IdempotencyRecord): Promise<boolean> {
    const result = await this.pool.query(INSERT_IF_ABSENT, [actor, key, record.requestHash, record.status, toStored(record)]);
    return result.rowCount === 1;
  }
}

/**
 * The body column holds what the answer was. Every answer is an article at a revision, so it is
 * kept as that reference, `{ answered: { article, revision }, merged?: { from } }`, and a replay
 * reads the revision again: the same JSON value, at a fraction of the cost of keeping the body
 * (a whole article per command, about a quarter of a command's WAL, compressed on every write),
 * and no copy of the text outside the read models. Rows written before hold the body itself:
 * bare, or as `{ merged: { from }, answer }`; no article can be taken for either (every article
 * has an `id`).
 */
function toStored({ answer, mergedFrom }: IdempotencyRecord): string {
  const merged = mergedFrom === undefined ? {} : { merged: { from: mergedFrom } };
  if ('body' in answer) return JSON.stringify(mergedFrom === undefined ? answer.body : { ...merged, answer: answer.body });
  return JSON.stringify({ answered: { article: answer.article, revision: answer.revision }, ...merged });
}

function fromStored(text: string): Pick<IdempotencyRecord, 'answer' | 'mergedFrom'> {
  const stored = JSON.parse(text) as StoredAnswer;
  if ('id' in stored) return { answer: { body: stored } };
  const mergedFrom = stored.merged?.from;
  const answer = stored.answered ?? { body: stored.answer };
  return mergedFrom === undefined ? { answer } : { answer, mergedFrom };
}

type StoredAnswer = { id: string } | { answered?: AnsweredRevision; answer?: unknown; merged?: { from: number } };
