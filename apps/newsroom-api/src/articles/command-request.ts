import { createHash } from 'node:crypto';
import type { Article } from '@newsroom/articles';
import type { Request, Response } from 'express';
import { actorOf } from '../auth/access.decorators';
import { ProblemException } from '../http/problem';
import { requestIdOf } from '../http/request-id';
import type { CommandEnvelope, CommandOutcome } from './commands/command-envelope';
import { parseIfMatch } from './commands/preconditions';

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** Reads who, why, If-Match, Idempotency-Key and X-Request-Id off a command's request. */
export function envelopeOf(request: Request, articleId: string, reason: string | null | undefined): CommandEnvelope {
  return {
    articleId,
    actor: actorOf(request),
    reason: reason ?? null,
    requestId: requestIdOf(request),
    ifMatch: parseIfMatch(single(request, 'if-match')),
    idempotency: idempotencyOf(request),
  };
}

function idempotencyOf(request: Request): CommandEnvelope['idempotency'] {
  const key = single(request, 'idempotency-key');
  if (key === undefined) return undefined;
  if (!KEY_PATTERN.test(key)) {
    throw ProblemException.of(
      400,
      'MalformedIdempotencyKey',
      'Bad request',
      'Idempotency-Key must be 1 to 200 visible ASCII characters.',
    );
  }
  // The route's path (not the generated id) and the body identify "the same request".
  const fingerprint = JSON.stringify([request.method, request.route?.path ?? request.path, request.params, request.body ?? null]);
  return { key, requestHash: createHash('sha256').update(fingerprint).digest('hex') };
}

function single(request: Request, header: string): string | undefined {
  const value = request.headers[header];
  if (Array.isArray(value)) {
    throw ProblemException.of(400, 'DuplicatedHeader', 'Bad request', `The ${header} header may be given once.`);
  }
  return value;
}

/** Status, ETag, Location and the replay and merge markers of a command's answer. */
export function answer(response: Response, outcome: CommandOutcome<Article>): Article {
  response.status(outcome.status);
  response.setHeader('ETag', `"${outcome.article.revision}"`);
  if (outcome.status === 201) response.setHeader('Location', `/articles/${outcome.article.id}`);
  if (outcome.replayed) response.setHeader('Idempotent-Replayed', 'true');
  if (outcome.mergedFrom !== undefined) response.setHeader('Merged-From', String(outcome.mergedFrom));
  return outcome.article;
}
