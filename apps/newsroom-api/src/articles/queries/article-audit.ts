import { Injectable } from '@nestjs/common';
import { ArticleError } from '@newsroom/articles';
import { poolOf } from '@newsroom/database';
import { type StreamAudit, verifyStream } from '@newsroom/event-store';
import { DataSource } from 'typeorm';
import { streamIdOf } from '../article-stream';

/** Whether an article's stored events still hash to the chain they were written with. */
@Injectable()
export class ArticleAudit {
  constructor(private readonly dataSource: DataSource) {}

  async verify(id: string): Promise<StreamAudit> {
    const audit = await verifyStream(poolOf(this.dataSource), streamIdOf(id));
    if (audit.revisions === 0) throw new ArticleError('ArticleNotFound', `No article has the id ${id}.`);
    return audit;
  }
}
