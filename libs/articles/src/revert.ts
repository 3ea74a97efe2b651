import { type Article, type ArticleContent, contentOf } from './article';
import type { RevertChange } from './commands';
import { sameContent } from './content';
import { ArticleError } from './errors';
import type { ChangeReverted } from './events';
import { type RevertPast, requireRevertPast } from './past';
import { revertFields } from './revert-fields';
import { revertTextEdit } from './revert-text';
import { changeOf, type RevisionChange } from './revision-changes';
import { assertHeadlineKept, assertRevisionExists } from './rules';

/**
 * Undoes only the change made at a revision, keeping everything after it. Refused with
 * `RevertConflict` when a later revision changed the same text (or field); `null` when undoing it
 * would leave the content as it is. Decided on the reverted event and the later events that
 * changed what it changed: its cost follows their number, not the length of the story.
 */
export function decideRevert(command: RevertChange, state: Article, past: RevertPast | undefined): ChangeReverted | null {
  assertRevisionExists(command.revision, state.revision);
  const { reverted, laterTouching } = requireRevertPast(past, command.revision, state);
  return revertChange(changeOf(reverted), laterTouching.map(changeOf), state);
}

/**
 * The revert of `target`, given the changes after it up to `state`: every one, or only those in
 * its reach (`revertReach`), which decide the same.
 */
export function revertChange(target: RevisionChange, later: readonly RevisionChange[], state: Article): ChangeReverted | null {
  const current = contentOf(state);
  const content = revertedContent(target, later, current);
  if (sameContent(content, current)) return null;
  assertHeadlineKept(state.status, content);
  return {
    type: 'ChangeReverted',
    data: { revision: target.revision, revertedType: target.event.type, before: current, content },
  };
}

function revertedContent(target: RevisionChange, later: readonly RevisionChange[], current: ArticleContent): ArticleContent {
  const { event } = target;
  switch (event.type) {
    case 'ArticleCreated':
    case 'ArticlePublished':
    case 'ArticleWithdrawn':
    case 'PassageRedacted':
      throw new ArticleError('NotRevertible', `Revision ${target.revision} (${event.type}) cannot be reverted`, {
        revision: target.revision,
        eventType: event.type,
      });
    case 'AttributionFixed':
    case 'TextCorrected':
      return revertTextEdit(event.data, target.revision, later, current);
    case 'HeadlineChanged':
    case 'CategoryAdded':
    case 'CategoryRemoved':
    case 'ArticleRestored':
    case 'ChangeReverted':
      return revertFields(target, later, current);
    default:
      return unknownEvent(event);
  }
}

function unknownEvent(event: never): never {
  throw new Error(`Unknown article event ${JSON.stringify(event)}`);
}
