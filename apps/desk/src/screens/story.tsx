import type { components } from '@newsroom/api-client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { suggestionReason } from '../category-lookup';
import { explainProblem, formatTime, type Explained } from '../problems';
import { can } from '../roles';
import { href } from '../route';
import { savedNotice } from '../saved-notice';
import { commandHeaders, type Session } from '../session';
import { call, ErrorBox, explainFailure, Loading, Notice, StatusBadge, type Result } from '../ui';
import { CategoryForm } from './category-form';
import { CategorySuggestions } from './category-suggestions';
import { StoryCredits } from './story-credits';

type Article = components['schemas']['Article'];
type NoticeKind = components['schemas']['CorrectionNotice']['kind'];
type Form =
  | { kind: 'text' | 'attribution'; find: string; blockId?: string }
  | { kind: 'headline' }
  | { kind: 'category' }
  | { kind: 'withdraw' };

export function StoryScreen({
  session,
  id,
  asOfRevision,
  asOf,
}: {
  session: Session;
  id: string;
  asOfRevision?: number;
  asOf?: string;
}) {
  const [article, setArticle] = useState<Article>();
  const [loadError, setLoadError] = useState<string>();
  const [form, setForm] = useState<Form>();
  const [selection, setSelection] = useState<{ text: string; blockId: string }>();
  const [failure, setFailure] = useState<Explained>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const bodyRef = useRef<HTMLDivElement>(null);

  const load = async () => {
    setLoadError(undefined);
    const query = asOfRevision ? { revision: asOfRevision } : asOf ? { asOf } : {};
    const result = await call(session.client.GET('/articles/{id}', { params: { path: { id }, query } }));
    if (result.ok) setArticle(result.data);
    else setLoadError(explainProblem(result.problem).message);
  };
  useEffect(() => void load(), [id, asOfRevision, asOf]);

  // Selecting text inside a block offers "Correct this"; the last selection is kept while the form opens.
  useEffect(() => {
    const onChange = () => {
      const sel = document.getSelection();
      const text = sel?.toString() ?? '';
      if (!sel || sel.rangeCount === 0 || !text.trim()) return;
      const node = sel.getRangeAt(0).commonAncestorContainer;
      const element = (node instanceof Element ? node : node.parentElement)?.closest<HTMLElement>('[data-block-id]');
      if (element && bodyRef.current?.contains(element)) setSelection({ text, blockId: element.dataset.blockId! });
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, []);

  if (loadError) return <ErrorBox message={loadError} />;
  if (!article) return <Loading what="the story" />;

  const roles = session.identity.roles;
  const readOnly = asOfRevision !== undefined || asOf !== undefined;
  const mayEdit = !readOnly && can(roles, 'edit', article.status);
  const mayPublish = !readOnly && can(roles, 'publish');

  /** Sends one command with If-Match at the revision shown; a refusal is explained, never retried blindly. */
  const submit = async (
    send: (headers: ReturnType<typeof commandHeaders>) => Promise<Result<Article>>,
    success: string,
    find?: string,
  ) => {
    setBusy(true);
    setFailure(undefined);
    setDone(undefined);
    const result = await send(commandHeaders(article.revision));
    setBusy(false);
    if (!result.ok) {
      setFailure(await explainFailure(session, id, result, { shownRevision: article.revision, find }));
      return false;
    }
    setArticle(result.data);
    setForm(undefined);
    setSelection(undefined);
    setDone(
      savedNotice({
        success,
        shownRevision: article.revision,
        revision: result.data.revision,
        mergedFrom: result.response.headers.get('Merged-From'),
      }),
    );
    return true;
  };

  const path = { path: { id } };
  const reload = async () => {
    setFailure(undefined);
    setDone(undefined);
    await load();
    setDone('Reloaded: you are now looking at the latest version.');
  };

  return (
    <article class="story">
      <div class="title-row">
        <h1 tabIndex={-1} data-testid="headline">
          {article.headline ?? <span class="missing">No headline yet</span>}
        </h1>
      </div>
      <p class="meta">
        <StatusBadge status={article.status} /> <span data-testid="revision">revision {article.revision}</span> · changed{' '}
        {formatTime(article.updatedAt)}
        {article.publishedAt && ` · published ${formatTime(article.publishedAt)}`}
      </p>
      <nav class="story-nav" aria-label="Story">
        <a href={href({ screen: 'history', id })}>History</a>
        {can(roles, 'audit') && <a href={href({ screen: 'audit', id })}>Audit</a>}
        {readOnly && <a href={href({ screen: 'story', id })}>Latest version</a>}
      </nav>
      {readOnly && (
        <p class="banner">
          {asOf
            ? `You are looking at the story as it was at ${formatTime(asOf)} (revision ${article.revision}).`
            : `You are looking at revision ${asOfRevision} as it was then.`}{' '}
          Nothing here can be edited.
        </p>
      )}
      {roles.includes('auditor') && !roles.includes('editor') && !roles.includes('reporter') && (
        <p class="hint">You are signed in as an auditor: you can read everything and change nothing.</p>
      )}
      {article.status === 'published' && !can(roles, 'edit', article.status) && roles.includes('reporter') && (
        <p class="hint">This story is published: only an editor can change it now.</p>
      )}

      {failure && (
        <ErrorBox message={failure.message}>
          {failure.offerReload && (
            <button type="button" onClick={reload}>
              Reload the story
            </button>
          )}
        </ErrorBox>
      )}
      {done && <Notice message={done} />}

      {mayEdit && (
        <div class="toolbar" role="toolbar" aria-label="Edit">
          {selection ? (
            <>
              <span class="selected">
                Selected: “<span data-testid="selection">{selection.text}</span>”
              </span>
              <button
                type="button"
                class="primary"
                onClick={() => setForm({ kind: 'text', find: selection.text, blockId: selection.blockId })}
              >
                Correct this
              </button>
              <button
                type="button"
                onClick={() => setForm({ kind: 'attribution', find: selection.text, blockId: selection.blockId })}
              >
                Fix attribution
              </button>
            </>
          ) : (
            <span class="hint">Select words in the story to correct them, or:</span>
          )}
          <button type="button" onClick={() => setForm({ kind: 'text', find: '' })}>
            Correct text
          </button>
          <button type="button" onClick={() => setForm({ kind: 'headline' })}>
            Set headline
          </button>
          <button type="button" onClick={() => setForm({ kind: 'category' })}>
            Add category
          </button>
          {mayPublish && article.status !== 'published' && (
            <button
              type="button"
              class="primary"
              disabled={busy}
              onClick={() =>
                submit(
                  (headers) => call(session.client.POST('/articles/{id}/publication', { params: path, body: {}, headers })),
                  'Published.',
                )
              }
            >
              Publish
            </button>
          )}
          {mayPublish && article.status === 'published' && (
            <button type="button" onClick={() => setForm({ kind: 'withdraw' })}>
              Withdraw
            </button>
          )}
        </div>
      )}

      {form && (form.kind === 'text' || form.kind === 'attribution') && (
        <CorrectionForm
          key={`${form.kind}:${form.find}`}
          kind={form.kind}
          find={form.find}
          busy={busy}
          onCancel={() => setForm(undefined)}
          onSubmit={(body) =>
            submit(
              (headers) =>
                call(
                  form.kind === 'text'
                    ? session.client.POST('/articles/{id}/text-corrections', {
                        params: path,
                        body: { ...body, ...(form.blockId ? { blockId: form.blockId } : {}) },
                        headers,
                      })
                    : session.client.POST('/articles/{id}/attribution-fixes', {
                        params: path,
                        body: { ...body, ...(form.blockId ? { blockId: form.blockId } : {}) },
                        headers,
                      }),
                ),
              form.kind === 'text' ? 'Correction saved.' : 'Attribution fixed.',
              body.find,
            )
          }
        />
      )}
      {form?.kind === 'headline' && (
        <ReasonForm
          title="Set the headline"
          field="Headline"
          initial={article.headline ?? ''}
          busy={busy}
          onCancel={() => setForm(undefined)}
          onSubmit={(headline, reason) =>
            submit(
              (headers) =>
                call(session.client.PUT('/articles/{id}/headline', { params: path, body: { headline, reason }, headers })),
              'Headline set.',
            )
          }
        />
      )}
      {form?.kind === 'category' && (
        <CategoryForm
          session={session}
          busy={busy}
          onCancel={() => setForm(undefined)}
          onSubmit={(body, label) =>
            submit(
              (headers) => call(session.client.POST('/articles/{id}/categories', { params: path, body, headers })),
              `Category “${label}” added.`,
            )
          }
        />
      )}
      {form?.kind === 'withdraw' && (
        <ReasonForm
          title="Withdraw the story"
          busy={busy}
          onCancel={() => setForm(undefined)}
          onSubmit={(_, reason) =>
            submit(
              (headers) => call(session.client.DELETE('/articles/{id}/publication', { params: path, body: { reason }, headers })),
              'Withdrawn.',
            )
          }
        />
      )}

      <StoryCredits byline={article.byline} dateline={article.dateline} />
      <div class="story-body" ref={bodyRef}>
        {article.blocks.map((block) =>
          block.type === 'subheading' ? (
            <h2 key={block.id} data-block-id={block.id}>
              {block.text}
            </h2>
          ) : (
            <p key={block.id} data-block-id={block.id}>
              {block.text}
            </p>
          ),
        )}
      </div>

      <section class="aside">
        <h2>Categories</h2>
        {article.categories.length === 0 ? (
          <p class="hint">None yet.</p>
        ) : (
          <ul class="chips" data-testid="categories">
            {article.categories.map((c) => (
              <li key={c.slug}>
                {c.label}
                {mayEdit && (
                  <button
                    type="button"
                    class="chip-remove"
                    aria-label={`Remove category ${c.label}`}
                    disabled={busy}
                    onClick={() =>
                      submit(
                        (headers) =>
                          call(
                            session.client.DELETE('/articles/{id}/categories/{slug}', {
                              params: { path: { id, slug: c.slug } },
                              headers,
                            }),
                          ),
                        `Category “${c.label}” removed.`,
                      )
                    }
                  >
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {mayEdit && (
          <CategorySuggestions
            session={session}
            id={id}
            revision={article.revision}
            busy={busy}
            onAdd={(suggestion) =>
              submit(
                (headers) =>
                  call(
                    session.client.POST('/articles/{id}/categories', {
                      params: path,
                      body: { code: suggestion.code, reason: suggestionReason(suggestion) },
                      headers,
                    }),
                  ),
                `Category “${suggestion.label}” added.`,
              )
            }
          />
        )}
        <h2>Public notices</h2>
        {article.corrections.length === 0 ? (
          <p class="hint">None.</p>
        ) : (
          <ul class="notices" data-testid="notices">
            {article.corrections.map((n) => (
              <li key={`${n.revision}-${n.kind}`}>
                <strong>{noticeKindLabel(n.kind)}</strong> ({formatTime(n.recordedAt)}): {n.text}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}

const NOTICE_KINDS: [NoticeKind, string][] = [
  ['correction', 'Correction (a factual error)'],
  ['clarification', 'Clarification (accurate but unclear)'],
  ['editors-note', 'Editor’s note (fairness or context)'],
  ['update', 'Update (new information)'],
];

export function noticeKindLabel(kind: NoticeKind): string {
  return { correction: 'Correction', clarification: 'Clarification', 'editors-note': 'Editor’s note', update: 'Update' }[kind];
}

interface CorrectionBody {
  find: string;
  replace: string;
  reason: string;
  notice?: string;
  noticeKind?: NoticeKind;
}

function CorrectionForm(props: {
  kind: 'text' | 'attribution';
  find: string;
  busy: boolean;
  onSubmit: (body: CorrectionBody) => Promise<boolean>;
  onCancel: () => void;
}) {
  const [find, setFind] = useState(props.find);
  const [replace, setReplace] = useState(props.find);
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState('');
  const [noticeKind, setNoticeKind] = useState<NoticeKind>('correction');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => (props.find ? document.getElementById('correction-replace')?.focus() : first.current?.focus()), []);
  const submit = (e: Event) => {
    e.preventDefault();
    void props.onSubmit({ find, replace, reason, ...(notice.trim() ? { notice: notice.trim(), noticeKind } : {}) });
  };
  return (
    <form class="panel" onSubmit={submit} aria-label={props.kind === 'text' ? 'Correct this' : 'Fix attribution'}>
      <h2>{props.kind === 'text' ? 'Correct this' : 'Fix the attribution'}</h2>
      <label for="correction-find">Find</label>
      <input id="correction-find" ref={first} value={find} required onInput={(e) => setFind(e.currentTarget.value)} />
      <label for="correction-replace">Replace with</label>
      <input id="correction-replace" value={replace} onInput={(e) => setReplace(e.currentTarget.value)} />
      <label for="correction-reason">Reason (kept in the history)</label>
      <input id="correction-reason" value={reason} required onInput={(e) => setReason(e.currentTarget.value)} />
      <label for="correction-notice">Public notice (optional, shown to readers)</label>
      <textarea id="correction-notice" rows={2} value={notice} onInput={(e) => setNotice(e.currentTarget.value)} />
      <label for="correction-kind">Kind of notice</label>
      <select
        id="correction-kind"
        value={noticeKind}
        disabled={!notice.trim()}
        onChange={(e) => setNoticeKind(e.currentTarget.value as NoticeKind)}
      >
        {NOTICE_KINDS.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <FormButtons busy={props.busy} label="Save correction" onCancel={props.onCancel} />
    </form>
  );
}

/** Submit (disabled and saying so while the request runs) and Cancel, as every form here ends. */
function FormButtons(props: { busy: boolean; label: string; onCancel: () => void }) {
  return (
    <div class="buttons">
      <button type="submit" class="primary" disabled={props.busy}>
        {props.busy ? 'Saving…' : props.label}
      </button>
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}

/** A one-field form with a reason: headline, category, withdrawal. */
export function ReasonForm(props: {
  title: string;
  field?: string;
  initial?: string;
  reasonOptional?: boolean;
  busy: boolean;
  submitLabel?: string;
  onSubmit: (value: string, reason: string) => Promise<unknown>;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(props.initial ?? '');
  const [reason, setReason] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const slug = props.title.toLowerCase().replace(/[^a-z]+/g, '-');
  return (
    <form
      class="panel"
      aria-label={props.title}
      onSubmit={(e) => {
        e.preventDefault();
        void props.onSubmit(value, reason);
      }}
    >
      <h2>{props.title}</h2>
      {props.field && (
        <>
          <label for={`${slug}-value`}>{props.field}</label>
          <input id={`${slug}-value`} ref={first} value={value} required onInput={(e) => setValue(e.currentTarget.value)} />
        </>
      )}
      <label for={`${slug}-reason`}>Reason{props.reasonOptional ? ' (optional)' : ''}</label>
      <input
        id={`${slug}-reason`}
        ref={props.field ? undefined : first}
        value={reason}
        required={!props.reasonOptional}
        onInput={(e) => setReason(e.currentTarget.value)}
      />
      <FormButtons busy={props.busy} label={props.submitLabel ?? 'Save'} onCancel={props.onCancel} />
    </form>
  );
}
