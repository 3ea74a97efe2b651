import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Article, type ArticleEvent, ArticleError, decideRedaction, fold, type RedactPassage } from '@newsroom/articles';
import { EventStore, type EventRewrite, type RecordedEvent } from '@newsroom/event-store';
import type { PoolClient } from 'pg';
import { streamIdOf, toArticleEvent } from '../article-stream';
import { ArticleStreams } from '../article-streams';
import { IdempotencyRecords } from '../idempotency/idempotency-records';
import { rewriteArticleRows } from '../projections/article-rewrite';
import { lockForRewrite } from '../projections/projection-lock';
import { ArticleReader } from '../queries/article-reader';
import {
  idempotencyKeyReused,
  isLostRace,
  metadataOf,
  pause,
  recordedAtAfter,
  tooMuchContention,
} from './article-command-runner';
import type { CommandEnvelope, CommandOutcome } from './command-envelope';
import { preconditionFailed } from './preconditions';

const MAX_ATTEMPTS = 20;

/** A redaction's answer: the article at the record's revision, and the revisions it rewrote. */
export interface RedactionOutcome extends CommandOutcome<Article> {
  redactedRevisions: number[];
}

/** The legal role's redaction of a passage from an article's whole history (issue 14). */
export class RedactPassageCommand extends Command<RedactionOutcome> {
  constructor(
    readonly envelope: CommandEnvelope,
    readonly command: RedactPassage,
  ) {
    super();
  }
}

/**
 * One transaction: read the whole stream, decide, rewrite the events that hold the passage and
 * append the record (EventStore.redact, through redact_event), then fold the rewritten stream into
 * every read-model row of the article. Killed at any point before COMMIT, none of it happened.
 * A lost race with another command rolls all of it back and decides again on the new stream
 * (If-Match, when given, is strict: a redaction never merges).
 */
@CommandHandler(RedactPassageCommand)
export class RedactPassageHandler implements ICommandHandler<RedactPassageCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly streams: ArticleStreams,
    private readonly idempotency: IdempotencyRecords,
    private readonly reader: ArticleReader,
  ) {}

  async execute({ envelope, command }: RedactPassageCommand): Promise<RedactionOutcome> {
    for (let attempt = 1; ; attempt++) {
      const earlier = await this.replay(envelope);
      if (earlier) return earlier;
      try {
        const outcome = await this.store.transaction((client) => this.redact(client, envelope, command));
        this.streams.committed(outcome.article);
        return outcome;
      } catch (error) {
        if (!isLostRace(error)) throw error;
        if (envelope.ifMatch && !envelope.ifMatch.any) throw preconditionFailed(undefined, envelope.ifMatch.revisions);
        if (attempt >= MAX_ATTEMPTS) throw tooMuchContention();
        await pause(attempt);
      }
    }
  }

  private async redact(client: PoolClient, envelope: CommandEnvelope, command: RedactPassage): Promise<RedactionOutcome> {
    await lockForRewrite(client);
    const stream = streamIdOf(envelope.articleId);
    const raw = await this.store.readStream(stream, {}, client);
    if (raw.length === 0) throw new ArticleError('ArticleNotFound', `No article has the id ${envelope.articleId}.`);
    if (envelope.trace) envelope.trace.revision = raw.length;
    const { ifMatch } = envelope;
    if (ifMatch && !ifMatch.any && !ifMatch.revisions.includes(raw.length))
      throw preconditionFailed(raw.length, ifMatch.revisions);
    const state = fold(envelope.articleId, raw.map(toArticleEvent));
    const logged = raw.map((event) => ({ recorded: toArticleEvent(event), reason: event.metadata.reason ?? null }));
    const { passage, rewrites, event } = decideRedaction(command, state, logged);
    const rewritten: EventRewrite[] = rewrites.map(({ revision, event: redacted, reason }) => ({
      revision,
      data: dataOf(redacted),
      metadata: { ...raw[revision - 1].metadata, reason },
    }));
    const { idempotency, actor } = envelope;
    const result = await this.store.redact(
      stream,
      rewritten,
      { type: event.type, data: dataOf(event), metadata: metadataOf(envelope) },
      {
        expectedRevision: raw.length,
        recordedAt: recordedAtAfter(state),
        alongside: idempotency
          ? [
              this.idempotency.withAppend(actor.id, idempotency.key, {
                requestHash: idempotency.requestHash,
                status: 200,
                answer: { article: envelope.articleId, revision: raw.length + 1 },
              }),
            ]
          : [],
      },
      client,
    );
    // No idempotencyKey for the store, as for every command: a twin under the same key that
    // committed first fails this statement at its idempotency record (a lost race): all of it
    // rolls back, and the retry answers the twin's replay.
    const byRevision = new Map(rewritten.map((rewrite) => [rewrite.revision, rewrite]));
    const redacted: RecordedEvent[] = raw.map((stored) => {
      const rewrite = byRevision.get(stored.revision);
      return rewrite ? { ...stored, data: rewrite.data, metadata: rewrite.metadata } : stored;
    });
    const article = await rewriteArticleRows(client, envelope.articleId, [...redacted, ...result.events]);
    await this.idempotency.redactStoredAnswers(client, envelope.articleId, passage);
    return { status: 200, article, replayed: false, redactedRevisions: event.data.redactedRevisions };
  }

  /** The first answer under this Idempotency-Key, read again (redacted, like every read), or a 422. */
  private async replay(envelope: CommandEnvelope): Promise<RedactionOutcome | undefined> {
    if (!envelope.idempotency) return undefined;
    const record = await this.idempotency.find(envelope.actor.id, envelope.idempotency.key);
    if (!record) return undefined;
    // An answer kept whole is another command's: a redaction's are references.
    if (record.requestHash !== envelope.idempotency.requestHash || 'body' in record.answer) throw idempotencyKeyReused();
    const { article: id, revision } = record.answer;
    const [stored] = await this.store.readRevisions(streamIdOf(id), [revision]);
    const recorded = toArticleEvent(stored).event;
    const redactedRevisions = recorded.type === 'PassageRedacted' ? recorded.data.redactedRevisions : [];
    return { status: 200, article: await this.reader.atRevision(id, revision), replayed: true, redactedRevisions };
  }
}

function dataOf(event: ArticleEvent): Record<string, unknown> {
  return event.data as unknown as Record<string, unknown>;
}
