import type { Article } from './article';
import type { ArticleCommand } from './commands';
import type { ContentField } from './content';
import { categoryChanged, headlineChanged, textEditChanged } from './edit-reach';
import type { RecordedArticleEvent } from './events';
import { changeOf } from './revision-changes';
import { slugify } from './slug';

/**
 * A command sent with an `If-Match` that names an older revision than the article's: whether it
 * may still apply (`merge`: decide it on the current state as usual), or which fields changed
 * under it since (`conflict`, refused as a stale precondition).
 */
export type StaleVerdict = { kind: 'merge' } | { kind: 'conflict'; fields: ContentField[] };

/** Edits of one field (a block, the headline, a category) may merge; the others mean the whole story. */
export type MergeableCommand = Extract<
  ArticleCommand,
  { type: 'ChangeHeadline' | 'FixAttribution' | 'CorrectText' | 'AddCategory' | 'RemoveCategory' }
>;

/**
 * Find-and-replace, headline and category edits read one field each, so they can apply on top of
 * changes elsewhere. Restore, revert, publish and withdraw keep the strict rule: what they mean
 * depends on the whole story as the editor saw it.
 */
export function mergesWhenStale(command: ArticleCommand): command is MergeableCommand {
  switch (command.type) {
    case 'ChangeHeadline':
    case 'FixAttribution':
    case 'CorrectText':
    case 'AddCategory':
    case 'RemoveCategory':
      return true;
    default:
      return false;
  }
}

/**
 * Decides a stale command on two states: the article at the revision its author saw (`seen`)
 * and now (`state`). It merges when nothing it touches changed in between: the block it edits
 * (byte for byte, with its `find` landing on the same place), the headline, or that category.
 * Refusals that do not depend on `seen` (a blank headline, a label without letters) are thrown.
 */
export function decideStale(command: MergeableCommand, seen: Article, state: Article): StaleVerdict {
  if (seen.id !== state.id || seen.revision < 1 || seen.revision >= state.revision) {
    throw new Error(
      `A stale ${command.type} on ${state.id} needs an earlier revision than ${state.revision}, not ${seen.revision}`,
    );
  }
  const fields = changedUnder(command, seen, state);
  return fields.length === 0 ? { kind: 'merge' } : { kind: 'conflict', fields };
}

function changedUnder(command: MergeableCommand, seen: Article, state: Article): ContentField[] {
  switch (command.type) {
    case 'ChangeHeadline':
      return headlineChanged(seen, state);
    case 'FixAttribution':
    case 'CorrectText':
      return textEditChanged(command, seen, state);
    case 'AddCategory':
      return categoryChanged(slugify(command.label), seen, state);
    case 'RemoveCategory':
      return categoryChanged(command.slug, seen, state);
    default:
      return unknownCommand(command);
  }
}

/**
 * The revisions among `events` (those after the one seen) that changed any of `fields`: whom a
 * conflict names, so an editor can see who changed their paragraph, and when.
 */
export function revisionsTouching(fields: readonly ContentField[], events: readonly RecordedArticleEvent[]): number[] {
  const wanted = new Set(fields);
  return events
    .map(changeOf)
    .filter((change) => [...change.fields].some((field) => wanted.has(field)))
    .map((change) => change.revision);
}

function unknownCommand(command: never): never {
  throw new Error(`Unknown article command ${JSON.stringify(command)}`);
}
