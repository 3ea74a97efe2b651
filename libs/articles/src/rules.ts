import type { ArticleContent, ArticleStatus } from './article';
import { ArticleError } from './errors';

/** A one-line field (headline, byline, dateline) trimmed; blank means absent. */
export function cleanLine(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** A live story must keep a headline, whatever brought its content back. */
export function publishedWithoutHeadline(article: ArticleContent & { status: ArticleStatus }): boolean {
  return article.status === 'published' && cleanLine(article.headline) === null;
}

/** Restore and revert may not take the headline off a published story. */
export function assertHeadlineKept(status: ArticleStatus, content: ArticleContent): void {
  if (publishedWithoutHeadline({ ...content, status })) {
    throw new ArticleError('HeadlineRequired', 'The article is published: the change would leave it without a headline');
  }
}

/** A revision number that exists in the stream so far, else `RevisionNotFound`. */
export function assertRevisionExists(revision: number, latest: number): void {
  if (!Number.isInteger(revision) || revision < 1 || revision > latest) {
    throw new ArticleError('RevisionNotFound', `The article has no revision ${revision} (latest is ${latest})`, {
      revision,
      latest,
    });
  }
}
