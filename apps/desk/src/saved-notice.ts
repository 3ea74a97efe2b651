/**
 * What the desk says after a command was saved. Pure, so Jest tests every wording. An edit made on
 * an older revision may have been merged onto changes others made meanwhile (the answer's
 * `Merged-From`): the editor is told, so they know the story holds more than their change.
 */

export interface SavedCommand {
  /** What was done, e.g. "Correction saved." */
  success: string;
  /** The revision the desk showed when the command was sent. */
  shownRevision: number;
  /** The revision the answer carries. */
  revision: number;
  /** The answer's Merged-From header, when it had one. */
  mergedFrom?: string | null;
}

export function savedNotice({ success, shownRevision, revision, mergedFrom }: SavedCommand): string {
  const merged = mergedFrom === undefined || mergedFrom === null || mergedFrom === '' ? undefined : mergedFrom;
  if (merged !== undefined) {
    return `${success} Saved as revision ${revision}, merged: others changed other parts of the story since revision ${merged}, and their changes are kept too.`;
  }
  if (revision === shownRevision) return 'Nothing changed: the story already said that.';
  return `${success} Saved as revision ${revision}.`;
}
