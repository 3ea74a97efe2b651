import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { Pool } from 'pg';
import { joinArticle, type StoredArticle } from '../../../apps/newsroom-api/src/articles/projections/article-document';
import { EventRowInserts } from './event-row-inserts';
import type { FloorFixtures } from './floor-fixtures';

export const FLOOR_FIXTURES = Symbol('FLOOR_FIXTURES');

/** A small fixed answer for the INSERT endpoint, like a command's acknowledgement. */
const INSERTED = { ok: true };

/**
 * The stack's floor: what Nest on Express costs with nothing of ours in the way (no middleware,
 * guards, pipes, validation, logging or ORM).
 */
@Controller()
export class FloorController {
  constructor(
    @Inject(FLOOR_FIXTURES) private readonly fixtures: FloorFixtures,
    private readonly inserts: EventRowInserts,
    private readonly pool: Pool,
  ) {}

  /** The benchmark's child launcher waits for this before driving load. */
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  /** The same document a read answers, serialised by Nest as the API's reads are. */
  @Get('floor/document')
  document() {
    return this.fixtures.document;
  }

  /**
   * The article's document read by its key, as the API's read does, and answered: the least a
   * read that goes to the database can cost (the bare endpoint above goes nowhere).
   */
  @Get('floor/select')
  async select() {
    const { rows } = await this.pool.query<StoredArticle>('SELECT document, blocks FROM articles WHERE id = $1', [
      this.fixtures.articleId,
    ]);
    return joinArticle(rows[0]);
  }

  /** One INSERT of a command's event row: the least a command can cost the API process. */
  @Post('floor/insert')
  @HttpCode(200)
  async insert() {
    await this.inserts.insertOne();
    return INSERTED;
  }
}
