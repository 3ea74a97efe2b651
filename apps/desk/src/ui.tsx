import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { explainProblem, type ChangeEntry, type Explained, type ProblemContext } from './problems';
import type { Session } from './session';

export type Result<T> = { ok: true; data: T; response: Response } | { ok: false; problem: unknown; status: number };

/** Awaits an openapi-fetch call; a network failure becomes a problem-less failure (status 0). */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<Result<T>> {
  try {
    const { data, error, response } = await request;
    if (response.ok && data !== undefined) return { ok: true, data, response };
    return { ok: false, problem: error, status: response.status };
  } catch {
    return { ok: false, problem: undefined, status: 0 };
  }
}

/**
 * Explains a refused command. A 412 that names who changed the edited text says it all; for any
 * other 412 it first reads who changed the story last.
 */
export async function explainFailure(
  session: Session,
  articleId: string | undefined,
  failure: { problem: unknown; status: number },
  context: ProblemContext,
): Promise<Explained> {
  const named = (failure.problem as { conflicts?: unknown[] } | undefined)?.conflicts?.length;
  if (failure.status === 412 && articleId && !named) {
    const latest = await latestEntry(session, articleId, (failure.problem as { currentRevision?: number })?.currentRevision);
    return explainProblem(failure.problem, { ...context, latest });
  }
  return explainProblem(failure.problem, context);
}

async function latestEntry(session: Session, id: string, current?: number): Promise<ChangeEntry | undefined> {
  let revision = current;
  if (revision === undefined) {
    const article = await call(session.client.GET('/articles/{id}', { params: { path: { id } } }));
    if (!article.ok) return undefined;
    revision = article.data.revision;
  }
  const entry = await call(session.client.GET('/articles/{id}/revisions/{n}', { params: { path: { id, n: revision } } }));
  return entry.ok ? entry.data : undefined;
}

/** An alert that takes focus when it appears, so keyboard and screen-reader users hear it. */
export function ErrorBox({ message, children }: { message: string; children?: ComponentChildren }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [message]);
  return (
    <div class="error" role="alert" tabIndex={-1} ref={ref}>
      <p>{message}</p>
      {children}
    </div>
  );
}

/** A confirmation that takes focus after a successful submit. */
export function Notice({ message }: { message: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [message]);
  return (
    <div class="notice" role="status" tabIndex={-1} ref={ref}>
      {message}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge badge-${status}`}>{status}</span>;
}
