import { type Article, contentOf } from './article';
import type { RestoreArticle } from './commands';
import { ArticleError } from './errors';
import type { ArticleEventType, ArticleRestored } from './events';
import { sameContent } from './content';
import { requireArticleAt } from './past';
import { assertHeadlineKept, assertRevisionExists } from './rules';

/**
 * Makes the content (headline, byline, dateline, blocks, categories) what it was at a revision,
 * as a new revision. Status and correction notices stay as they are: nothing published is unsaid.
 * Decided on two states, the article then (`articleAt`) and now: no fold of the stream. A
 * redaction's revision (`typeAt`) is refused like an event that cannot be reverted.
 */
export function decideRestore(
  command: RestoreArticle,
  state: Article,
  articleAt: Article | undefined,
  typeAt?: ArticleEventType,
): ArticleRestored {
  assertRevisionExists(command.revision, state.revision);
  if (typeAt === 'PassageRedacted') {
    // A redaction is final: a revision that is one is no state of the story to go back to.
    throw new ArticleError('NotRevertible', `Revision ${command.revision} (PassageRedacted) cannot be restored to`, {
      revision: command.revision,
      eventType: typeAt,
    });
  }
  const target = contentOf(requireArticleAt(articleAt, command.revision, state));
  const current = contentOf(state);
  if (sameContent(target, current)) {
    throw new ArticleError('RestoreToCurrentContent', `The content at revision ${command.revision} is the current content`, {
      revision: command.revision,
    });
  }
  assertHeadlineKept(state.status, target);
  return { type: 'ArticleRestored', data: { revision: command.revision, before: current, content: target } };
}
