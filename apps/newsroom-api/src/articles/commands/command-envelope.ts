import type { AuthenticatedActor } from '../../auth/actor';

/** Everything about a command that is not the edit itself: who, why, and how to apply it. */
export interface CommandEnvelope {
  articleId: string;
  actor: AuthenticatedActor;
  reason: string | null;
  /** X-Request-Id, recorded as the event's correlation id. */
  requestId: string;
  /** From If-Match: the revisions the caller accepts (`*` = any existing), or none. */
  ifMatch?: IfMatch;
  idempotency?: { key: string; requestHash: string };
  /** Told the revision each attempt decides on: a refused command's log line names it (CommandTracking). */
  trace?: { revision?: number };
}

export type IfMatch = { any: true } | { any: false; revisions: number[] };

/** What a command answers: the article at its new revision (or unchanged). */
export interface CommandOutcome<TArticle = unknown> {
  status: 200 | 201;
  article: TArticle;
  replayed: boolean;
  /** The stale If-Match revision the command merged from (sent as `Merged-From`), if it merged. */
  mergedFrom?: number;
}
