import { Inject, Injectable } from '@nestjs/common';
import {
  ARTICLE_SCHEMA_VERSION,
  type Article,
  type ArticleCommand,
  type ArticleEvent,
  decide,
  evolve,
  mergesWhenStale,
} from '@newsroom/articles';
import { EventStore, WrongExpectedRevisionError } from '@newsroom/event-store';
import { ProblemException } from '../../http/problem';
import { ArticlePastReader } from '../article-past';
import { streamIdOf } from '../article-stream';
import { ArticleStreams } from '../article-streams';
import { IdempotencyRecords } from '../idempotency/idempotency-records';
import { ArticleReader } from '../queries/article-reader';
import { INLINE_PROJECTIONS, type InlineProjection } from '../projections/inline-projection';
import type { CommandEnvelope, CommandOutcome } from './command-envelope';
import { preconditionFailed } from './preconditions';
import { StaleEdits } from './stale-edits';

const MAX_ATTEMPTS = 50;
const UNIQUE_VIOLATION = '23505';

/**
 * The one fold every command goes through: load the article (and, for a restore or revert, the
 * part of its past they decide on), decide, append at the expected revision together with the
 * inline projections, answer with the new article. Without If-Match a lost race is retried
 * (bounded, with jitter) so that no concurrent edit is lost. An edit whose If-Match is stale may
 * still merge (StaleEdits): it is then appended at the current revision like any other command.
 */
@Injectable()
export class ArticleCommandRunner {
  constructor(
    private readonly store: EventStore,
    private readonly streams: ArticleStreams,
    private readonly pasts: ArticlePastReader,
    private readonly idempotency: IdempotencyRecords,
    private readonly reader: ArticleReader,
    private readonly staleEdits: StaleEdits,
    @Inject(INLINE_PROJECTIONS) private readonly projections: InlineProjection[],
  ) {}

  async run(envelope: CommandEnvelope, command: ArticleCommand): Promise<CommandOutcome<Article>> {
    const status = command.type === 'CreateArticle' ? 201 : 200;
    for (let attempt = 1; ; attempt++) {
      const earlier = await this.replay(envelope);
      if (earlier) return earlier;
      const { article, cached } = await this.streams.load(envelope.articleId, {
        fromMemory: attempt === 1,
        fromLog: attempt > 2,
      });
      if (envelope.trace) envelope.trace.revision = article.revision;
      try {
        // A stale If-Match refuses the command (412) unless it is an edit that merges.
        const mergedFrom = await this.staleEdits.mergeBase(envelope, command, article);
        const past = await this.pasts.read(command, article);
        const event = decide(command, article, { actor: envelope.actor, past });
        // A remembered state may be behind: only an append, which checks the revision, may
        // trust it. Anything else (no change, a refusal, a lost race) is decided again on a read.
        if (!event && cached) continue;
        if (!event) return await this.unchanged(envelope, article, status, mergedFrom);
        const outcome = await this.append(envelope, article, event, status, mergedFrom);
        this.streams.committed(outcome.article);
        return outcome;
      } catch (error) {
        if (cached) {
          this.streams.forget(envelope.articleId);
          continue;
        }
        if (!isLostRace(error)) throw error;
        // A lost race breaks If-Match on a revision; `*` asks only that the article exist, and it still does.
        // An edit that may merge is decided again on the winner's state: it merges or names the winner.
        if (envelope.ifMatch && !envelope.ifMatch.any && !mergesWhenStale(command)) {
          throw preconditionFailed(undefined, envelope.ifMatch.revisions);
        }
        if (attempt >= MAX_ATTEMPTS) throw tooMuchContention();
        await pause(attempt);
      }
    }
  }

  /**
   * One statement appends the event and writes the inline read models and the idempotency
   * record with it: the new state is folded first, at a time chosen here (the read models
   * need it before the database could tell it).
   */
  private async append(
    envelope: CommandEnvelope,
    article: Article,
    event: ArticleEvent,
    status: 200 | 201,
    mergedFrom: number | undefined,
  ): Promise<CommandOutcome<Article>> {
    const { actor, idempotency } = envelope;
    const recordedAt = recordedAtAfter(article);
    const toAppend = { type: event.type, data: event.data as unknown as Record<string, unknown>, metadata: metadataOf(envelope) };
    const recorded = { revision: article.revision + 1, recordedAt: recordedAt.toISOString(), event };
    const next = evolve(article, recorded);
    // The event as the read models see it; its position is the database's to give (`appended`).
    const pending = {
      ...toAppend,
      position: 0,
      streamId: streamIdOf(envelope.articleId),
      revision: recorded.revision,
      recordedAt,
      transactionId: '',
    };
    const alongside = this.projections.flatMap((projection) =>
      projection.writesFor({ event: recorded, raw: pending, after: next }),
    );
    if (idempotency) {
      alongside.push(
        this.idempotency.withAppend(actor.id, idempotency.key, {
          requestHash: idempotency.requestHash,
          status,
          answer: { article: next.id, revision: next.revision },
          mergedFrom,
        }),
      );
    }
    // No idempotencyKey for the store: the record above, written by the same statement, already
    // makes a twin's append fail (its primary key), and the store's own key would cost an index
    // entry on events and a probe of it per command.
    await this.store.append(pending.streamId, [toAppend], {
      expectedRevision: article.revision === 0 ? 'no-stream' : article.revision,
      recordedAt,
      alongside,
    });
    return { status, article: next, replayed: false, mergedFrom };
  }

  /** A command that changes nothing appends nothing; under a key its answer is still kept. */
  private async unchanged(
    envelope: CommandEnvelope,
    article: Article,
    status: 200 | 201,
    mergedFrom: number | undefined,
  ): Promise<CommandOutcome<Article>> {
    const { idempotency, actor } = envelope;
    if (idempotency) {
      const stored = await this.idempotency.insertIfAbsent(actor.id, idempotency.key, {
        requestHash: idempotency.requestHash,
        status: 200,
        answer: { article: article.id, revision: article.revision },
        mergedFrom,
      });
      if (!stored) return (await this.replay(envelope)) ?? { status: 200, article, replayed: false, mergedFrom };
    }
    return { status: status === 201 ? 200 : status, article, replayed: false, mergedFrom };
  }

  /** The first answer under this Idempotency-Key, or a 422 when the key came with another request. */
  private async replay(envelope: CommandEnvelope): Promise<CommandOutcome<Article> | undefined> {
    if (!envelope.idempotency) return undefined;
    const record = await this.idempotency.find(envelope.actor.id, envelope.idempotency.key);
    if (!record) return undefined;
    if (record.requestHash !== envelope.idempotency.requestHash) throw idempotencyKeyReused();
    const { answer } = record;
    const article = 'body' in answer ? (answer.body as Article) : await this.reader.atRevision(answer.article, answer.revision);
    return { status: record.status, article, replayed: true, mergedFrom: record.mergedFrom };
  }
}

/** Now, or the article's last time if this clock reads earlier: a stream's times never go backwards. */
export function recordedAtAfter(article: Article): Date {
  const last = article.updatedAt === null ? 0 : Date.parse(article.updatedAt);
  return new Date(Math.max(Date.now(), last));
}

/** Who, why and which request, recorded with every command's event. */
export function metadataOf(envelope: CommandEnvelope) {
  return {
    actor: envelope.actor.id,
    actorName: envelope.actor.name ?? null,
    reason: envelope.reason,
    correlationId: envelope.requestId,
    causationId: null,
    idempotencyKey: envelope.idempotency ? scopedKey(envelope) : null,
    schemaVersion: ARTICLE_SCHEMA_VERSION,
  };
}

/** The Idempotency-Key as the event's metadata records it: prefixed by its actor and U+241F. */
export function scopedKey(envelope: CommandEnvelope): string {
  return `${envelope.actor.id}\u241f${envelope.idempotency?.key ?? ''}`;
}

export function isLostRace(error: unknown): boolean {
  // A twin request under the same Idempotency-Key that won fails this append at the record's
  // primary key (a unique violation): the retry then replays its answer.
  if (error instanceof WrongExpectedRevisionError) return true;
  return (error as { code?: unknown }).code === UNIQUE_VIOLATION;
}

/** The answer to an Idempotency-Key that came first with another request. */
export function idempotencyKeyReused(): ProblemException {
  return ProblemException.of(
    422,
    'IdempotencyKeyReused',
    'Idempotency key reused',
    'This Idempotency-Key was already used with a different request.',
  );
}

export function tooMuchContention(): ProblemException {
  return ProblemException.of(
    409,
    'TooMuchContention',
    'Conflict',
    'The article changed too often while this command was retried; try again.',
  );
}

export function pause(attempt: number): Promise<void> {
  const ceiling = Math.min(5 * attempt, 50);
  return new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * ceiling));
}
