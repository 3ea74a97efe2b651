import { Injectable } from '@nestjs/common';
import { ArticleError } from '@newsroom/articles';
import { type RedactionRecord, readRedactionRecords, type StreamAudit, verifyStream } from '@newsroom/event-store';
import { Pool } from 'pg';
import { streamIdOf } from '../article-stream';

/** Whether an article's stored events still hash to the chain they were written with. */
@Injectable()
export class ArticleAudit {
  constructor(private readonly pool: Pool) {}

  async verify(id: string): Promise<StreamAudit & { redactions: ArticleRedaction[] }> {
    const audit = await verifyStream(this.pool, streamIdOf(id));
    if (audit.revisions === 0) throw new ArticleError('ArticleNotFound', `No article has the id ${id}.`);
    const records = await readRedactionRecords(this.pool, streamIdOf(id));
    return { ...audit, redactions: records.map(redactionOf) };
  }
}

/** A redaction as the audit answers it (the contract's Redaction). */
export interface ArticleRedaction {
  revision: number;
  recordedAt: string;
  actor: string | null;
  reason: string | null;
  authority: string | null;
  redactedRevisions: number[];
}

function redactionOf(record: RedactionRecord): ArticleRedaction {
  return {
    revision: record.revision,
    recordedAt: record.recordedAt.toISOString(),
    actor: record.actor,
    reason: record.reason,
    authority: typeof record.data.authority === 'string' ? record.data.authority : null,
    redactedRevisions: record.redacted,
  };
}
