import type { components } from '@newsroom/api-client';
import type { Session } from './session';

type Entry = components['schemas']['RevisionEntry'];

/** How often an open history looks for revisions saved elsewhere. */
export const WATCH_EVERY_MS = 5000;

/**
 * Tells a screen when its story gains a revision saved elsewhere (another editor, another tab).
 * Today it asks for the newest history entry every few seconds while the tab is visible: one
 * indexed read of one row. An event stream of the story (server-sent events of its appends, the
 * API's next step) would replace `newest` below without the screens changing: they only see
 * `onNewer`.
 */
export function watchStory(
  session: Session,
  id: string,
  shown: () => number | undefined,
  onNewer: (entry: Entry) => void,
  everyMs = WATCH_EVERY_MS,
): () => void {
  let stopped = false;
  const newest = async (): Promise<Entry | undefined> => {
    const { data } = await session.client.GET('/articles/{id}/revisions', {
      params: { path: { id }, query: { order: 'desc', limit: 1 } },
    });
    return data?.items[0];
  };
  const look = async () => {
    if (stopped || document.hidden) return;
    const entry = await newest().catch(() => undefined);
    const seen = shown();
    if (!stopped && entry && seen !== undefined && entry.revision > seen) onNewer(entry);
  };
  const timer = setInterval(() => void look(), everyMs);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
