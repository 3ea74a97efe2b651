import type { components } from '@newsroom/api-client';
import { useEffect, useState } from 'preact/hooks';
import { explainProblem, formatTime } from '../problems';
import { can } from '../roles';
import { href } from '../route';
import { idempotencyKey, type Session } from '../session';
import { call, ErrorBox, Loading, StatusBadge } from '../ui';
import { storyTitle } from '../stories-model';

type Article = components['schemas']['Article'];
type Status = Article['status'];

export function StoriesScreen({ session }: { session: Session }) {
  const [status, setStatus] = useState<Status | ''>('');
  const [category, setCategory] = useState('');
  const [search, setSearch] = useState('');
  const [items, setItems] = useState<Article[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();

  const load = async (cursor?: string) => {
    setLoading(true);
    setError(undefined);
    const query = {
      limit: 20,
      ...(status ? { status } : {}),
      ...(category.trim() ? { category: category.trim() } : {}),
      ...(search.trim() ? { q: search.trim() } : {}),
      ...(cursor ? { cursor } : {}),
    };
    const result = await call(session.client.GET('/articles', { params: { query } }));
    setLoading(false);
    if (!result.ok) return setError(explainProblem(result.problem).message);
    setItems((before) => (cursor ? [...before, ...result.data.items] : result.data.items));
    setNext(result.data.nextCursor);
  };
  useEffect(() => void load(), [status]);

  return (
    <section>
      <div class="title-row">
        <h1 tabIndex={-1}>Stories</h1>
      </div>
      {can(session.identity.roles, 'create') && <ImportStory session={session} />}
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <div class="field">
          <label for="status-filter">Status</label>
          <select id="status-filter" value={status} onChange={(e) => setStatus(e.currentTarget.value as Status | '')}>
            <option value="">Any</option>
            <option value="draft">Draft</option>
            <option value="published">Published</option>
            <option value="withdrawn">Withdrawn</option>
          </select>
        </div>
        <div class="field">
          <label for="category-filter">Category</label>
          <input
            id="category-filter"
            value={category}
            placeholder="e.g. diplomacy"
            onInput={(e) => setCategory(e.currentTarget.value)}
          />
        </div>
        <div class="field grow">
          <label for="search">Headline contains</label>
          <input
            id="search"
            type="search"
            value={search}
            placeholder="e.g. geneva summit"
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
        </div>
        <button type="submit">Search</button>
      </form>
      {error && <ErrorBox message={error} />}
      <ul class="story-list" aria-busy={loading}>
        {items.map((a) => (
          <li key={a.id}>
            <a href={href({ screen: 'story', id: a.id })}>{storyTitle(a)}</a>
            <span class="meta">
              <StatusBadge status={a.status} /> revision {a.revision} · changed {formatTime(a.updatedAt)}
              {a.categories.length > 0 && ` · ${a.categories.map((c) => c.label).join(', ')}`}
            </span>
          </li>
        ))}
      </ul>
      {loading && <Loading what="stories" />}
      {!loading && items.length === 0 && !error && <p>No stories match.</p>}
      {next && !loading && (
        <button type="button" onClick={() => load(next)}>
          Load more stories
        </button>
      )}
    </section>
  );
}

function ImportStory({ session }: { session: Session }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [headline, setHeadline] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const onFile = async (file: File | undefined) => {
    if (file) setText(await file.text());
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    // With a headline the story goes as JSON; without, as text/plain (the API finds a headline line itself).
    const headers = { 'Idempotency-Key': idempotencyKey() };
    const result = await call(
      headline.trim()
        ? session.client.POST('/articles', { body: { headline: headline.trim(), body: text }, headers })
        : session.client.POST('/articles', {
            body: text,
            bodySerializer: (b: unknown) => b as string,
            headers: { ...headers, 'Content-Type': 'text/plain' },
          }),
    );
    setBusy(false);
    if (!result.ok) return setError(explainProblem(result.problem).message);
    window.location.hash = href({ screen: 'story', id: result.data.id });
  };

  if (!open)
    return (
      <button type="button" class="primary" onClick={() => setOpen(true)}>
        Import a story
      </button>
    );
  return (
    <form class="panel import" onSubmit={submit}>
      <h2>Import a story</h2>
      <label for="import-headline">Headline (optional)</label>
      <input id="import-headline" value={headline} onInput={(e) => setHeadline(e.currentTarget.value)} />
      <label for="import-text">Story text</label>
      <textarea
        id="import-text"
        rows={8}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        placeholder="Paste the story: paragraphs separated by blank lines, optionally ending with “Categorized in: A, B”."
      />
      <label for="import-file">Or upload a .txt file</label>
      <input id="import-file" type="file" accept=".txt,text/plain" onChange={(e) => onFile(e.currentTarget.files?.[0])} />
      {error && <ErrorBox message={error} />}
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy || !text.trim()}>
          {busy ? 'Importing…' : 'Import'}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
