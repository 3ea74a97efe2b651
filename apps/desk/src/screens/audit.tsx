import type { components } from '@newsroom/api-client';
import { useEffect, useState } from 'preact/hooks';
import { explainProblem, formatTime } from '../problems';
import { href } from '../route';
import type { Session } from '../session';
import { call, ErrorBox, Loading } from '../ui';

type Audit = components['schemas']['Audit'];
type StoredEvent = components['schemas']['StoredEvent'];
const PAGE = 50;

export function AuditScreen({ session, id }: { session: Session; id: string }) {
  const [audit, setAudit] = useState<Audit>();
  const [events, setEvents] = useState<StoredEvent[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);

  // A page at a time, oldest first: a story with thousands of edits neither slows the first
  // paint nor makes one huge answer.
  const loadEvents = async (cursor?: string) => {
    setLoading(true);
    const result = await call(
      session.client.GET('/articles/{id}/events', {
        params: { path: { id }, query: { limit: PAGE, ...(cursor ? { cursor } : {}) } },
      }),
    );
    setLoading(false);
    if (!result.ok) return setError(explainProblem(result.problem).message);
    setEvents((before) => (cursor ? [...before, ...result.data.items] : result.data.items));
    setNext(result.data.nextCursor);
  };
  useEffect(() => {
    void (async () => {
      const result = await call(session.client.GET('/articles/{id}/audit', { params: { path: { id } } }));
      if (!result.ok) return setError(explainProblem(result.problem).message);
      setAudit(result.data);
      await loadEvents();
    })();
  }, [id]);

  return (
    <section>
      <div class="title-row">
        <h1 tabIndex={-1}>Audit</h1>
      </div>
      <nav class="story-nav" aria-label="Story">
        <a href={href({ screen: 'story', id })}>Back to the story</a>
      </nav>
      {error && <ErrorBox message={error} />}
      {audit && (
        <p class={`verdict ${audit.verified ? 'ok' : 'broken'}`} data-testid="verdict" role="status">
          {audit.verified
            ? `Verified: the record of all ${audit.revisions} revisions is intact (hash chain holds${audit.headHash ? `, head ${audit.headHash.slice(0, 12)}…` : ''}).`
            : `Broken: the record no longer holds from revision ${audit.brokenAt} on (of ${audit.revisions}). Someone changed the stored events.`}
        </p>
      )}
      <h2>Raw events</h2>
      <div class="table-wrap">
        <table class="events">
          <thead>
            <tr>
              <th scope="col">Revision</th>
              <th scope="col">Event</th>
              <th scope="col">Recorded</th>
              <th scope="col">Data and metadata</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.position}>
                <td data-label="Revision">{e.revision}</td>
                <td data-label="Event">{e.type}</td>
                <td data-label="Recorded">{formatTime(e.recordedAt)}</td>
                <td data-label="Data and metadata">
                  <details>
                    <summary>Show</summary>
                    <pre>{JSON.stringify({ data: e.data, metadata: e.metadata }, null, 2)}</pre>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {loading && <Loading what="the audit" />}
      {next && !loading && (
        <button type="button" onClick={() => loadEvents(next)}>
          Load more events
        </button>
      )}
    </section>
  );
}
