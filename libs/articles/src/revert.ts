import { type Article, type ArticleContent, contentOf } from './article';
import type { RevertChange } from './commands';
import { sameContent } from './content';
import { ArticleError } from './errors';
import type { ArticleEvent, ChangeReverted, RecordedArticleEvent } from './events';
import { requireHistory } from './history';
import { revertFields } from './revert-fields';
import { revertTextEdit } from './revert-text';
import { type RevisionChange, revisionChanges } from './revision-changes';
import { assertHeadlineKept, assertRevisionExists } from './rules';

/**
 * Undoes only the change made at a revision, keeping everything after it. Refused with
 * `RevertConflict` when a later revision changed the same text (or field); `null` when undoing it
 * would leave the content as it is.
 */
export function decideRevert(
  command: RevertChange,
  state: Article,
  history: readonly RecordedArticleEvent[] | undefined,
): ChangeReverted | null {
  assertRevisionExists(command.revision, state.revision);
  const changes = revisionChanges(state.id, requireHistory(history, state));
  const target = changes[command.revision - 1];
  const current = contentOf(state);
  const content = revertedContent(target.event, target, changes, current);
  if (sameContent(content, current)) return null;
  assertHeadlineKept(state.status, content);
  return {
    type: 'ChangeReverted',
    data: { revision: command.revision, revertedType: target.event.type, before: current, content },
  };
}

function revertedContent(
  event: ArticleEvent,
  target: RevisionChange,
  changes: readonly RevisionChange[],
  current: ArticleContent,
): ArticleContent {
  switch (event.type) {
    case 'ArticleCreated':
    case 'ArticlePublished':
    case 'ArticleWithdrawn':
      throw new ArticleError('NotRevertible', `Revision ${target.revision} (${event.type}) cannot be reverted`, {
        revision: target.revision,
        eventType: event.type,
      });
    case 'AttributionFixed':
    case 'TextCorrected':
      return revertTextEdit(event.data, target.revision, changes, current);
    case 'HeadlineChanged':
    case 'CategoryAdded':
    case 'CategoryRemoved':
    case 'ArticleRestored':
    case 'ChangeReverted':
      return revertFields(target, changes, current);
    default:
      return unknownEvent(event);
  }
}

function unknownEvent(event: never): never {
  throw new Error(`Unknown article event ${JSON.stringify(event)}`);
}
