/**
 * Every way a command can be refused by the domain, each with a stable code. The HTTP layer maps
 * codes to statuses in one place; the domain knows nothing of HTTP.
 */
export type ArticleErrorCode =
  | 'ArticleNotFound'
  | 'ArticleAlreadyExists'
  | 'RevisionNotFound'
  | 'TextNotFound'
  | 'AmbiguousMatch'
  | 'OccurrenceOutOfRange'
  | 'BlockNotFound'
  | 'EmptyArticle'
  | 'HeadlineRequired'
  | 'PublishedArticleLocked'
  | 'InvalidStatusTransition'
  | 'RestoreToCurrentContent'
  | 'NotRevertible'
  | 'RevertConflict'
  | 'InvalidCategory'
  | 'InvalidPassage'
  | 'PassageNotFound'
  | 'PassageInRedaction';

export class ArticleError extends Error {
  constructor(
    readonly code: ArticleErrorCode,
    message: string,
    /** Machine-readable particulars, e.g. `{ matches: 3 }` or `{ conflictingRevisions: [5, 7] }`. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ArticleError';
  }
}
