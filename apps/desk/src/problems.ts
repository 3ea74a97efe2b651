/**
 * Turns the API's problem+json answers into sentences a journalist understands. Pure: no DOM, no
 * fetch, so Jest tests every wording.
 */

export interface ProblemLike {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { field: string; message: string }[];
  currentRevision?: number;
  conflictingRevisions?: number[];
  matches?: number;
  /** A stale edit's 412: what changed under it (`headline`, `block:b9`, `category:x`) and who changed it. */
  conflictingFields?: string[];
  conflicts?: ChangeEntry[];
}

/** The latest entry of the story's history, read after a 412 to say who changed it. */
export interface ChangeEntry {
  revision: number;
  actor: string;
  /** The display name the actor's token carried, when it carried one. */
  actorName?: string | null;
  recordedAt: string;
  summary: string;
  reason?: string | null;
}

export interface ProblemContext {
  /** The revision the desk showed when the command was sent. */
  shownRevision?: number;
  /** The latest history entry, when it could be read (for a 412). */
  latest?: ChangeEntry;
  /** The text the editor asked to find (for a text-not-found or ambiguous match). */
  find?: string;
}

export interface Explained {
  message: string;
  /** The story changed meanwhile: offer to reload rather than overwrite. */
  offerReload: boolean;
}

/** "16 Jun 2021, 14:05 UTC": the same on every machine, whatever its time zone. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

/** A person by the name their sign-in gave ("Anna Keller"), else by their account id. */
export function whoMade(entry: { actor: string; actorName?: string | null }): string {
  return entry.actorName ?? entry.actor;
}

/**
 * From a stale edit's 412, which names the changes made to the very text edited: "Anna Keller
 * changed this paragraph at 6 Dec 2026, 10:42 UTC (revision 7: Attribution fixed: …)." Several
 * people are all named, the last change told in full.
 */
function whoChangedYourText(conflicts: ChangeEntry[], fields: string[]): string {
  const last = conflicts[conflicts.length - 1];
  const people = [...new Set(conflicts.map(whoMade))];
  const when = `at ${formatTime(last.recordedAt)} (revision ${last.revision}: ${last.summary})`;
  if (people.length === 1) return `${people[0]} changed ${whatChanged(fields)} ${when}.`;
  return `${listNames(people)} changed ${whatChanged(fields)} while you were working on it, last ${whoMade(last)} ${when}.`;
}

function whatChanged(fields: string[]): string {
  const kinds = new Set(fields.map((field) => field.split(':')[0]));
  if (kinds.size !== 1) return 'the text you edited';
  if (kinds.has('headline')) return 'the headline';
  if (kinds.has('category')) return 'this category';
  return fields.length === 1 ? 'this paragraph' : 'the paragraphs your change depends on';
}

function listNames(names: string[]): string {
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function listRevisions(revisions: number[]): string {
  if (revisions.length === 1) return `revision ${revisions[0]}`;
  return `revisions ${revisions.slice(0, -1).join(', ')} and ${revisions[revisions.length - 1]}`;
}

function code(problem: ProblemLike): string {
  return (problem.type ?? '').replace(/^.*\/problems\//, '');
}

export function isProblem(value: unknown): value is ProblemLike {
  return typeof value === 'object' && value !== null && ('status' in value || 'title' in value);
}

/** What went wrong, in words, and whether the story should be reloaded. */
export function explainProblem(value: unknown, context: ProblemContext = {}): Explained {
  if (!isProblem(value)) {
    return {
      message: 'The desk could not reach the newsroom server. Check your connection and try again; nothing was changed.',
      offerReload: false,
    };
  }
  const problem = value;
  const say = (message: string, offerReload = false): Explained => ({ message, offerReload });
  switch (problem.status) {
    case 412: {
      const now = problem.currentRevision ?? context.latest?.revision;
      const shown = context.shownRevision === undefined ? '' : ` You were looking at revision ${context.shownRevision}`;
      const current = now === undefined ? '' : `${shown ? '; it' : ' It'} is now at revision ${now}`;
      const who = problem.conflicts?.length
        ? whoChangedYourText(problem.conflicts, problem.conflictingFields ?? [])
        : context.latest
          ? `${whoMade(context.latest)} changed this story at ${formatTime(context.latest.recordedAt)} (${context.latest.summary}).`
          : 'Someone else changed this story while you were working on it.';
      return say(
        `${who}${shown}${current}. Your change was not saved, so nothing was overwritten. Reload the story, check their change, then make yours again.`,
        true,
      );
    }
    case 401:
      return say('Your sign-in is no longer valid (it may have expired). Sign in again.');
    case 403:
      if (code(problem) === 'published-article-locked') return say('This story is published: only an editor can change it now.');
      return say('Your role does not allow this. Ask an editor.');
    case 404:
      return say('That story or revision does not exist (it may have been mistyped).');
    case 409:
      if (problem.conflictingRevisions?.length) {
        return say(
          `This change cannot be undone on its own: later ${listRevisions(problem.conflictingRevisions)} changed the same text. Restore an earlier version instead, or correct the text by hand.`,
        );
      }
      return say(`This cannot be done because of a later change. ${problem.detail ?? ''}`.trim());
    case 422:
      switch (code(problem)) {
        case 'text-not-found':
          return say(
            context.find !== undefined
              ? `“${context.find}” is not in the story as it stands. Check the spelling or select the text again; nothing was changed.`
              : 'The text to replace is not in the story as it stands; nothing was changed.',
          );
        case 'ambiguous-match':
          return say(
            `${context.find !== undefined ? `“${context.find}”` : 'That text'} appears ${problem.matches ?? 'several'} times. Select more of the surrounding words so it matches only once.`,
          );
        case 'headline-required':
          return say('A story needs a headline before it can be published. Set the headline first.');
        case 'restore-to-current-content':
          return say('That version is the same as the story as it stands now: there is nothing to restore.');
        case 'idempotency-key-reused':
          return say('This submission clashed with an earlier one. Please submit again.');
        case 'invalid-status-transition':
          return say(
            problem.detail ? `That is not possible now: ${problem.detail}` : 'That is not possible in the story’s current state.',
          );
        default:
          return say(problem.detail ?? problem.title ?? 'The change breaks a newsroom rule.');
      }
    case 400:
      if (problem.errors?.length)
        return say(`Please check: ${problem.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}.`);
      return say(`The request was not accepted: ${problem.detail ?? problem.title ?? 'bad request'}.`);
    case 413:
      return say('That text is too long (over 1 MiB).');
    case 429:
      return say('Too many requests in a short time. Wait a moment and try again.');
    case 503:
      return say('The newsroom database is not reachable right now. Try again in a moment; nothing was changed.');
    default:
      return say(problem.detail ?? problem.title ?? 'Something went wrong.');
  }
}
