import { Injectable } from '@nestjs/common';
import type { AlongsideWrite } from '@newsroom/event-store';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { poolOf } from '@newsroom/database';

export interface IdempotencyRecord {
  requestHash: string;
  status: 200 | 201;
  body: unknown;
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

  /** For answers that appended nothing; false when a twin got there first. */
  async insertIfAbsent(actor: string, key: string, record: IdempotencyRecord): Promise<boolean> {
    const result = await this.pool.query(INSERT_IF_ABSENT, [actor, key, record.requestHash, record.status, toStored(record)]);
    return result.rowCount === 1;
  }
}

/**
 * The body column holds the answer's JSON. A merged answer also has its Merged-From to replay, kept
 * without a new column: stored as `{ merged: { from }, answer }`, which no article can be taken
 * for (every article has an `id`); every other answer, and every row written before, is the bare body.
 */
function toStored({ body, mergedFrom }: IdempotencyRecord): string {
  return JSON.stringify(mergedFrom === undefined ? body : { merged: { from: mergedFrom }, answer: body });
}

function fromStored(text: string): Pick<IdempotencyRecord, 'body' | 'mergedFrom'> {
  const stored = JSON.parse(text) as unknown;
  if (isMergedAnswer(stored)) return { body: stored.answer, mergedFrom: stored.merged.from };
  return { body: stored };
}

function isMergedAnswer(stored: unknown): stored is { merged: { from: number }; answer: unknown } {
  if (typeof stored !== 'object' || stored === null || 'id' in stored) return false;
  const { merged } = stored as { merged?: { from?: unknown } };
  return 'answer' in stored && typeof merged?.from === 'number';
}
