import type { Article } from './article';
import { ArticleError } from './errors';
import type { ArticleEvent, RecordedArticleEvent } from './events';
import { articlesByRevision } from './history';

/** One revision seen whole: the event and the article on either side of it. */
export interface RevisionChange {
  revision: number;
  event: ArticleEvent;
  before: Article;
  after: Article;
}

/** Every revision of a (complete, checked) history, oldest first: index i holds revision i + 1. */
export function revisionChanges(id: string, history: readonly RecordedArticleEvent[]): RevisionChange[] {
  const articles = articlesByRevision(id, history);
  return history.map((recorded, index) => ({
    revision: recorded.revision,
    event: recorded.event,
    before: articles[index],
    after: articles[index + 1],
  }));
}

/** The refusal when later revisions touched what a revert would undo; names them for the editor. */
export function revertConflict(revision: number, conflictingRevisions: number[]): ArticleError {
  const names =
    conflictingRevisions.length === 1
      ? `revision ${conflictingRevisions[0]}`
      : `revisions ${conflictingRevisions.slice(0, -1).join(', ')} and ${conflictingRevisions[conflictingRevisions.length - 1]}`;
  return new ArticleError('RevertConflict', `Revision ${revision} cannot be reverted: later ${names} changed the same text`, {
    revision,
    conflictingRevisions,
  });
}
