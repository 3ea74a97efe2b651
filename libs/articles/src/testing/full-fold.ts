import { type Article, contentOf } from '../article';
import { changedFields } from '../content';
import type { RecordedArticleEvent } from '../events';
import { evolve, fold } from '../evolve';
import type { RevisionChange } from '../revision-changes';

/**
 * Every revision's change as the whole stream folded shows it (the article on either side of each
 * event), the way reverts were decided before they read only the events since their revision:
 * the oracle that property specs hold the event-read changes to.
 */
export function changesOnFullFold(id: string, history: readonly RecordedArticleEvent[]): RevisionChange[] {
  const articles: Article[] = [fold(id, [])];
  for (const recorded of history) articles.push(evolve(articles[articles.length - 1], recorded));
  return history.map((recorded, index) => ({
    revision: recorded.revision,
    event: recorded.event,
    fields: changedFields(articles[index], articles[index + 1]),
    before: contentOf(articles[index]),
  }));
}
