import { Injectable } from '@nestjs/common';
import { ArticleError } from '@newsroom/articles';
import { type StreamAudit, verifyStream } from '@newsroom/event-store';
import { Pool } from 'pg';
import { streamIdOf } from '../article-stream';

/** Whether an article's stored events still hash to the chain they were written with. */
@Injectable()
export class ArticleAudit {
  constructor(private readonly pool: Pool) {}

  async verify(id: string): Promise<StreamAudit> {
    const audit = await verifyStream(this.pool, streamIdOf(id));
    if (audit.revisions === 0) throw new ArticleError('ArticleNotFound', `No article has the id ${id}.`);
    return audit;
  }
}
