import { Inject, Injectable } from '@nestjs/common';
import { ARTICLE_SCHEMA_VERSION, type Article, type ArticleCommand, type ArticleEvent, decide, evolve } from '@newsroom/articles';
import { EventStore, IdempotencyKeyConflictError, WrongExpectedRevisionError } from '@newsroom/event-store';
import { ProblemException } from '../../http/problem';
import { streamIdOf, toArticleEvent } from '../article-stream';
import { ArticleStreams } from '../article-streams';
import { IdempotencyRecords } from '../idempotency/idempotency-records';
import { INLINE_PROJECTIONS, type InlineProjection } from '../projections/inline-projection';
import type { CommandEnvelope, CommandOutcome } from './command-envelope';
import { checkIfMatch, preconditionFailed } from './preconditions';

const MAX_ATTEMPTS = 50;
const UNIQUE_VIOLATION = '23505';

/** Raised inside the append's transaction when a twin request with the same key won. */
class TwinRequestWon extends Error {}

/**
 * The one fold every command goes through: load the stream, decide, append at the expected
 * revision together with the inline projections, answer with the new article. Without If-Match
 * a lost race is retried (bounded, with jitter) so that no concurrent edit is lost.
 */
@Injectable()
export class ArticleCommandRunner {
  constructor(
    private readonly store: EventStore,
    private readonly streams: ArticleStreams,
    private readonly idempotency: IdempotencyRecords,
    @Inject(INLINE_PROJECTIONS) private readonly projections: InlineProjection[],
  ) {}

  async run(envelope: CommandEnvelope, command: ArticleCommand): Promise<CommandOutcome<Article>> {
    const status = command.type === 'CreateArticle' ? 201 : 200;
    for (let attempt = 1; ; attempt++) {
      const earlier = await this.replay(envelope);
      if (earlier) return earlier;
      const withHistory = command.type === 'RestoreArticle' || command.type === 'RevertChange';
      const { article, history } = await this.streams.load(envelope.articleId, { withHistory, fromLog: attempt > 2 });
      if (article.revision > 0) checkIfMatch(envelope.ifMatch, article.revision);
      const event = decide(command, article, { actor: envelope.actor, history });
      if (!event) return this.unchanged(envelope, article, status);
      try {
        return await this.append(envelope, article, event, status);
      } catch (error) {
        if (!isLostRace(error)) throw error;
        if (envelope.ifMatch) throw preconditionFailed(undefined, envelope.ifMatch.any ? [] : envelope.ifMatch.revisions);
        if (attempt >= MAX_ATTEMPTS) throw tooMuchContention();
        await pause(attempt);
      }
    }
  }

  private async append(
    envelope: CommandEnvelope,
    article: Article,
    event: ArticleEvent,
    status: 200 | 201,
  ): Promise<CommandOutcome<Article>> {
    const { actor, idempotency } = envelope;
    return this.store.transaction(async (client) => {
      const result = await this.store.append(
        streamIdOf(envelope.articleId),
        [{ type: event.type, data: event.data as unknown as Record<string, unknown>, metadata: metadataOf(envelope) }],
        {
          expectedRevision: article.revision === 0 ? 'no-stream' : article.revision,
          idempotencyKey: idempotency && scopedKey(envelope),
        },
        client,
      );
      if (result.replayed) throw new TwinRequestWon();
      const events = result.events.map(toArticleEvent);
      const next = events.reduce(evolve, article);
      for (const projection of this.projections) await projection.apply(client, { before: article, events, raw: result.events });
      if (idempotency) {
        await this.idempotency.insert(client, actor.id, idempotency.key, {
          requestHash: idempotency.requestHash,
          status,
          body: next,
        });
      }
      return { status, article: next, replayed: false };
    });
  }

  /** A command that changes nothing appends nothing; under a key its answer is still kept. */
  private async unchanged(envelope: CommandEnvelope, article: Article, status: 200 | 201): Promise<CommandOutcome<Article>> {
    const { idempotency, actor } = envelope;
    if (idempotency) {
      const stored = await this.idempotency.insertIfAbsent(actor.id, idempotency.key, {
        requestHash: idempotency.requestHash,
        status: 200,
        body: article,
      });
      if (!stored) return (await this.replay(envelope)) ?? { status: 200, article, replayed: false };
    }
    return { status: status === 201 ? 200 : status, article, replayed: false };
  }

  /** The first answer under this Idempotency-Key, or a 422 when the key came with another request. */
  private async replay(envelope: CommandEnvelope): Promise<CommandOutcome<Article> | undefined> {
    if (!envelope.idempotency) return undefined;
    const record = await this.idempotency.find(envelope.actor.id, envelope.idempotency.key);
    if (!record) return undefined;
    if (record.requestHash !== envelope.idempotency.requestHash) {
      throw ProblemException.of(
        422,
        'IdempotencyKeyReused',
        'Idempotency key reused',
        'This Idempotency-Key was already used with a different request.',
      );
    }
    return { status: record.status, article: record.body as Article, replayed: true };
  }
}

function metadataOf(envelope: CommandEnvelope) {
  return {
    actor: envelope.actor.id,
    actorName: envelope.actor.name ?? null,
    reason: envelope.reason,
    correlationId: envelope.requestId,
    causationId: null,
    idempotencyKey: envelope.idempotency?.key ?? null,
    schemaVersion: ARTICLE_SCHEMA_VERSION,
  };
}

function scopedKey(envelope: CommandEnvelope): string {
  return `${envelope.actor.id}\u241f${envelope.idempotency?.key ?? ''}`;
}

function isLostRace(error: unknown): boolean {
  if (
    error instanceof WrongExpectedRevisionError ||
    error instanceof TwinRequestWon ||
    error instanceof IdempotencyKeyConflictError
  )
    return true;
  return (error as { code?: unknown }).code === UNIQUE_VIOLATION;
}

function tooMuchContention(): ProblemException {
  return ProblemException.of(
    409,
    'TooMuchContention',
    'Conflict',
    'The article changed too often while this command was retried; try again.',
  );
}

function pause(attempt: number): Promise<void> {
  const ceiling = Math.min(5 * attempt, 50);
  return new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * ceiling));
}
