import type { Article } from './article';
import type { RecordedArticleEvent } from './events';
import { evolve, fold } from './evolve';

/**
 * The stream so far, checked to be the one `state` was folded from: restore and revert rebuild
 * past versions from it, and a partial history would silently rebuild the wrong ones.
 */
export function requireHistory(
  history: readonly RecordedArticleEvent[] | undefined,
  state: Article,
): readonly RecordedArticleEvent[] {
  if (history === undefined) throw new Error(`Deciding on article ${state.id} needs its history`);
  const upToState = history.slice(0, state.revision);
  if (upToState.length !== state.revision || upToState.some((recorded, index) => recorded.revision !== index + 1)) {
    throw new Error(`The history given for article ${state.id} does not run from revision 1 to ${state.revision}`);
  }
  return upToState;
}

/** The article as it was at `revision`. */
export function articleAt(id: string, history: readonly RecordedArticleEvent[], revision: number): Article {
  return fold(id, history.slice(0, revision));
}

/** The article after every revision: index r holds revision r, index 0 the article before creation. */
export function articlesByRevision(id: string, history: readonly RecordedArticleEvent[]): Article[] {
  const articles = [fold(id, [])];
  for (const recorded of history) articles.push(evolve(articles[articles.length - 1], recorded));
  return articles;
}
