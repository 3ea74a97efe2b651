import type { ContentField } from '@newsroom/articles';
import { ProblemException } from '../../http/problem';
import type { RevisionEntry } from '../queries/article-history';

export interface EditConflict {
  /** The article's revision now. */
  current: number;
  /** What If-Match named. */
  named: number[];
  /** The revision the edit was decided against (the oldest one named). */
  seen: number;
  /** What of the story changed under the edit: `headline`, `block:b9`, `category:diplomacy`. */
  fields: ContentField[];
  /** The history entries of the revisions after `seen` that changed those fields, oldest first. */
  changes: RevisionEntry[];
}

/**
 * The 412 of a stale edit that could not merge. Besides what every 412 says, it names who changed
 * the same text and when, so that a desk can say "Anna changed this paragraph at 10:42
 * (revision 7)" without a second request.
 */
export function editConflict({ current, named, seen, fields, changes }: EditConflict): ProblemException {
  const who = changes.length === 0 ? 'later revisions' : listed(changes.map(byWhom));
  return ProblemException.of(
    412,
    'PreconditionFailed',
    'Precondition failed',
    `The article is at revision ${current}; If-Match named ${named.map((r) => `"${r}"`).join(', ')}. Since revision ${seen}, ${who} changed ${listed(fields.map(describe))}, which this command edits. Nothing was changed.`,
    { currentRevision: current, seenRevision: seen, conflictingFields: fields, conflicts: changes },
  );
}

function byWhom(entry: RevisionEntry): string {
  return `revision ${entry.revision} (${entry.actorName ?? entry.actor})`;
}

function describe(field: ContentField): string {
  if (field === 'headline') return 'the headline';
  const [kind, name] = field.split(/:(.*)/s);
  return kind === 'block' ? `block ${name}` : kind === 'category' ? `the category ${name}` : field;
}

function listed(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
