import type { components } from '@newsroom/api-client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { diffRows, foldLabel, type DiffModel, type Segment } from '../diff-model';
import { explainProblem, formatTime, whoMade, type Explained } from '../problems';
import { can } from '../roles';
import { asOfFromLocalInput, href } from '../route';
import { commandHeaders, type Session } from '../session';
import { watchStory } from '../story-updates';
import { call, ErrorBox, explainFailure, Loading, Notice } from '../ui';
import { noticesByRevision } from '../revision-notices';
import { noticeKindLabel, ReasonForm } from './story';

type Entry = components['schemas']['RevisionEntry'];
type CorrectionNotice = components['schemas']['CorrectionNotice'];
const PAGE = 20;

export function HistoryScreen({ session, id }: { session: Session; id: string }) {
  const [latest, setLatest] = useState<number>();
  const [entries, setEntries] = useState<Entry[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [picked, setPicked] = useState<number[]>([]);
  const [diff, setDiff] = useState<{ from: number; to: number; model: DiffModel }>();
  const [action, setAction] = useState<{ kind: 'restore' | 'revert'; revision: number }>();
  const [failure, setFailure] = useState<Explained>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [asOfInput, setAsOfInput] = useState('');
  const [notices, setNotices] = useState(new Map<number, CorrectionNotice[]>());

  const [olderCursor, setOlderCursor] = useState<string | null>(null);

  /** The newest page first (?order=desc); each further page is the one its cursor names. */
  const loadPage = async (cursor: string | undefined, replace: boolean) => {
    setLoading(true);
    const result = await call(
      session.client.GET('/articles/{id}/revisions', {
        params: { path: { id }, query: { order: 'desc', limit: PAGE, ...(cursor ? { cursor } : {}) } },
      }),
    );
    setLoading(false);
    if (!result.ok) return setError(explainProblem(result.problem).message);
    const page = result.data.items;
    setOlderCursor(result.data.nextCursor);
    setEntries((before) => (replace ? page : [...before, ...page]));
  };
  const loadLatest = async () => {
    setError(undefined);
    const article = await call(session.client.GET('/articles/{id}', { params: { path: { id } } }));
    if (!article.ok) {
      setLoading(false);
      return setError(explainProblem(article.problem).message);
    }
    setLatest(article.data.revision);
    setNotices(noticesByRevision(article.data.corrections));
    setNewer(undefined);
    await loadPage(undefined, true);
    return article.data.revision;
  };
  useEffect(() => void loadLatest(), [id]);

  // A revision saved elsewhere is offered, not forced in: the editor may be comparing two.
  const [newer, setNewer] = useState<Entry>();
  const shown = useRef<number | undefined>(undefined);
  shown.current = latest;
  useEffect(() => watchStory(session, id, () => shown.current, setNewer), [id]);

  const toggle = (revision: number) =>
    setPicked((before) => (before.includes(revision) ? before.filter((r) => r !== revision) : [...before, revision].slice(-2)));

  const compare = async () => {
    const [from, to] = [...picked].sort((a, b) => a - b);
    setError(undefined);
    const result = await call(session.client.GET('/articles/{id}/diff', { params: { path: { id }, query: { from, to } } }));
    if (!result.ok) return setError(explainProblem(result.problem).message);
    setDiff({ from, to, model: diffRows(result.data) });
    requestAnimationFrame(() => document.getElementById('diff-heading')?.focus());
  };

  const act = async (reason: string) => {
    if (!action || latest === undefined) return;
    setBusy(true);
    setFailure(undefined);
    setDone(undefined);
    const body = { revision: action.revision, reason };
    const params = { path: { id } };
    const headers = commandHeaders(latest);
    const result = await call(
      action.kind === 'restore'
        ? session.client.POST('/articles/{id}/restorations', { params, body, headers })
        : session.client.POST('/articles/{id}/reverts', { params, body, headers }),
    );
    setBusy(false);
    if (!result.ok) return setFailure(await explainFailure(session, id, result, { shownRevision: latest }));
    setAction(undefined);
    await loadLatest();
    setDone(
      `${action.kind === 'restore' ? `Revision ${action.revision} restored` : `The change of revision ${action.revision} was undone`} as revision ${result.data.revision}.`,
    );
  };

  const mayRestore = can(session.identity.roles, 'restore');

  return (
    <section>
      <div class="title-row">
        <h1 tabIndex={-1}>History</h1>
      </div>
      <nav class="story-nav" aria-label="Story">
        <a href={href({ screen: 'story', id })}>Back to the story</a>
      </nav>
      <p class="hint">Newest first. Tick two revisions to compare them word by word.</p>
      <form
        class="as-of"
        aria-label="View as of a time"
        onSubmit={(e) => {
          e.preventDefault();
          const asOf = asOfFromLocalInput(asOfInput);
          if (asOf) location.hash = href({ screen: 'story', id, asOf });
        }}
      >
        <label for="as-of-time">View the story as it was at</label>
        <input
          id="as-of-time"
          type="datetime-local"
          required
          value={asOfInput}
          onInput={(e) => setAsOfInput(e.currentTarget.value)}
        />
        <button type="submit">View</button>
      </form>
      {error && <ErrorBox message={error} />}
      {failure && (
        <ErrorBox message={failure.message}>
          {failure.offerReload && (
            <button type="button" onClick={() => void loadLatest().then(() => setFailure(undefined))}>
              Reload the history
            </button>
          )}
        </ErrorBox>
      )}
      {done && <Notice message={done} />}
      {newer && newer.revision > (latest ?? 0) && (
        <div class="notice" role="status" data-testid="newer">
          <p>
            {whoMade(newer)} saved revision {newer.revision} at {formatTime(newer.recordedAt)} ({newer.summary}).
          </p>
          <button type="button" onClick={() => void loadLatest()}>
            Show the latest history
          </button>
        </div>
      )}
      <div class="buttons sticky">
        <button type="button" class="primary" disabled={picked.length !== 2} onClick={compare}>
          Compare {picked.length === 2 ? `revisions ${[...picked].sort((a, b) => a - b).join(' and ')}` : 'two revisions'}
        </button>
      </div>
      {diff && <DiffView {...diff} />}
      <ol class="timeline" data-testid="timeline">
        {entries.map((e) => (
          <li key={e.revision} data-revision={e.revision}>
            <div class="entry-head">
              <input
                type="checkbox"
                id={`pick-${e.revision}`}
                checked={picked.includes(e.revision)}
                onChange={() => toggle(e.revision)}
              />
              <label for={`pick-${e.revision}`}>
                <strong>Revision {e.revision}</strong>
              </label>
              <span class="meta">
                {formatTime(e.recordedAt)} · <span title={e.actor}>{whoMade(e)}</span>
              </span>
            </div>
            <p class="summary">{e.summary}</p>
            {e.reason && <p class="reason">Reason: {e.reason}</p>}
            {notices.get(e.revision)?.map((n, i) => (
              <p key={i} class="entry-notice" data-testid="entry-notice">
                Public notice ({noticeKindLabel(n.kind)}): {n.text}
              </p>
            ))}
            <div class="buttons small">
              <a href={href({ screen: 'story', id, revision: e.revision })}>View as of revision {e.revision}</a>
              {mayRestore && e.revision !== latest && (
                <button type="button" onClick={() => setAction({ kind: 'restore', revision: e.revision })}>
                  Restore this version
                </button>
              )}
              {mayRestore && e.revision > 1 && (
                <button type="button" onClick={() => setAction({ kind: 'revert', revision: e.revision })}>
                  Revert this change
                </button>
              )}
            </div>
            {action?.revision === e.revision && (
              <ReasonForm
                key={action.kind}
                title={
                  action.kind === 'restore' ? `Restore revision ${e.revision}` : `Revert the change of revision ${e.revision}`
                }
                submitLabel={action.kind === 'restore' ? 'Restore' : 'Revert'}
                busy={busy}
                onCancel={() => setAction(undefined)}
                onSubmit={(_, reason) => act(reason)}
              />
            )}
          </li>
        ))}
      </ol>
      {loading && <Loading what="the history" />}
      {olderCursor && !loading && (
        <button type="button" onClick={() => loadPage(olderCursor, false)}>
          Load older revisions
        </button>
      )}
    </section>
  );
}

function Segments({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.kind === 'delete' ? (
          <del key={i}>{s.text}</del>
        ) : s.kind === 'insert' ? (
          <ins key={i}>{s.text}</ins>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

export function DiffView({ from, to, model }: { from: number; to: number; model: DiffModel }) {
  return (
    <section class="diff" aria-labelledby="diff-heading" data-testid="diff">
      <h2 id="diff-heading" tabIndex={-1}>
        Revision {from} compared with revision {to}
      </h2>
      {model.identical && <p>The two revisions have the same content.</p>}
      {(model.categoriesAdded.length > 0 || model.categoriesRemoved.length > 0) && (
        <p class="categories-diff">
          Categories:{' '}
          {model.categoriesRemoved.map((c) => (
            <del key={c}>{c}</del>
          ))}{' '}
          {model.categoriesAdded.map((c) => (
            <ins key={c}>{c}</ins>
          ))}
        </p>
      )}
      <div class="diff-grid">
        <div class="diff-col-head">Revision {from}</div>
        <div class="diff-col-head">Revision {to}</div>
        {model.rows.map((row, i) =>
          row.kind === 'folded' ? (
            <details key={i} class="folded">
              <summary>{foldLabel(row)}</summary>
              {row.texts.map((t, j) => (
                <p key={j}>{t}</p>
              ))}
            </details>
          ) : (
            <div key={i} class={`diff-row ${row.change}`}>
              <div class="diff-label">
                {row.label === row.label.toLowerCase() ? `Paragraph ${row.label.replace(/^b/, '')}` : row.label}
              </div>
              <div class="before" aria-label={`Revision ${from}`}>
                {row.change === 'added' ? <em>(not there)</em> : <Segments segments={row.before} />}
              </div>
              <div class="after" aria-label={`Revision ${to}`}>
                {row.change === 'removed' ? <em>(removed)</em> : <Segments segments={row.after} />}
              </div>
            </div>
          ),
        )}
      </div>
    </section>
  );
}
