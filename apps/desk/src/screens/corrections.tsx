import type { components } from '@newsroom/api-client';
import { useEffect, useState } from 'preact/hooks';
import { explainProblem, formatTime } from '../problems';
import { href } from '../route';
import type { Session } from '../session';
import { call, ErrorBox, Loading } from '../ui';
import { noticeKindLabel } from './story';

type Entry = components['schemas']['CorrectionEntry'];

export function CorrectionsScreen({ session }: { session: Session }) {
  const [items, setItems] = useState<Entry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const load = async (cursor?: string) => {
    setLoading(true);
    const result = await call(
      session.client.GET('/corrections', { params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } } }),
    );
    setLoading(false);
    if (!result.ok) return setError(explainProblem(result.problem).message);
    setItems((before) => (cursor ? [...before, ...result.data.items] : result.data.items));
    setNext(result.data.nextCursor);
  };
  useEffect(() => void load(), []);
  return (
    <section>
      <div class="title-row">
        <h1 tabIndex={-1}>Corrections</h1>
      </div>
      <p class="hint">Every public notice across the stories, newest first.</p>
      {error && <ErrorBox message={error} />}
      <ul class="story-list" data-testid="corrections">
        {items.map((c) => (
          <li key={`${c.articleId}-${c.revision}`}>
            <a href={href({ screen: 'story', id: c.articleId })}>{c.headline ?? '(no headline)'}</a>
            <span class="meta">
              {noticeKindLabel(c.kind)} · revision {c.revision} · {formatTime(c.recordedAt)}
            </span>
            <p>{c.text}</p>
          </li>
        ))}
      </ul>
      {loading && <Loading what="corrections" />}
      {!loading && items.length === 0 && !error && <p>No corrections yet.</p>}
      {next && !loading && (
        <button type="button" onClick={() => load(next)}>
          Load more corrections
        </button>
      )}
    </section>
  );
}
