import type { Article } from './article';
import type { ArticleCommand } from './commands';
import type { ArticleEventType, RecordedArticleEvent } from './events';
import { fold } from './evolve';
import { changeOf, revertReach } from './revision-changes';

/**
 * The part of an article's past that restore and revert decide on, read by the caller: what
 * `pastNeededBy` names and nothing more. A restore's is one state, whatever the story's length;
 * a revert's grows with the later changes to what it undoes, not with the story's other changes.
 */
export interface ArticlePast {
  /** RestoreArticle: the article as it was at the command's revision. */
  articleAt?: Article;
  /** RestoreArticle: the type of the event at the command's revision (a redaction's is refused). */
  typeAt?: ArticleEventType;
  /** RevertChange: the reverted event and the later events that changed what it changed. */
  revertOf?: RevertPast;
}

/**
 * What a revert decides on. Later events that changed none of the fields the reverted one changed
 * (`revertReach`) can neither conflict with it nor move its text, so they are left out: the caller
 * finds the others through an index of the fields each revision changed (`changeOf(…).fields`).
 */
export interface RevertPast {
  reverted: RecordedArticleEvent;
  /** Every event after `reverted`, up to `through`, that changed a field in its reach; oldest first. */
  laterTouching: readonly RecordedArticleEvent[];
  /** The revision the later events were looked for up to: the state's. */
  through: number;
}

export type PastNeeded = { kind: 'article-at'; revision: number } | { kind: 'revert-of'; revision: number } | null;

/**
 * What of the past `command` decides on: the article at a revision (restore), the event at a
 * revision and the later ones in its reach (revert), or nothing. Nothing either for a revision
 * the stream does not have: the decision refuses that before it looks at the past.
 */
export function pastNeededBy(command: ArticleCommand, state: Article): PastNeeded {
  if (command.type !== 'RestoreArticle' && command.type !== 'RevertChange') return null;
  const { revision } = command;
  if (!Number.isInteger(revision) || revision < 1 || revision > state.revision) return null;
  return { kind: command.type === 'RestoreArticle' ? 'article-at' : 'revert-of', revision };
}

/** The past `command` needs, taken from a whole stream held in memory (specs, generated logs). */
export function pastIn(history: readonly RecordedArticleEvent[], command: ArticleCommand, state: Article): ArticlePast {
  const needed = pastNeededBy(command, state);
  if (needed?.kind === 'article-at') {
    return { articleAt: fold(state.id, history.slice(0, needed.revision)), typeAt: history[needed.revision - 1].event.type };
  }
  if (needed?.kind === 'revert-of') {
    const reverted = history[needed.revision - 1];
    const reach = revertReach(reverted);
    const laterTouching = history.slice(needed.revision, state.revision).filter((later) => touches(later, reach));
    return { revertOf: { reverted, laterTouching, through: state.revision } };
  }
  return {};
}

/** The article at `revision`, checked to be the one asked for: a wrong one would restore the wrong content. */
export function requireArticleAt(articleAt: Article | undefined, revision: number, state: Article): Article {
  if (articleAt === undefined) {
    throw new Error(`Restoring article ${state.id} to revision ${revision} needs the article as it was then, from its history`);
  }
  if (articleAt.id !== state.id || articleAt.revision !== revision) {
    throw new Error(
      `The article given for ${state.id} at revision ${revision} is ${articleAt.id} at revision ${articleAt.revision}`,
    );
  }
  return articleAt;
}

/**
 * The revert's past, checked as far as the events alone allow: the reverted revision, later
 * events looked for up to the state's revision, in order, each one in the reverted event's reach.
 * That none is missing rests on the index the caller read: a revert that missed a later change
 * could undo text that change had moved or replaced.
 */
export function requireRevertPast(past: RevertPast | undefined, revision: number, state: Article): RevertPast {
  if (past === undefined) {
    throw new Error(
      `Reverting revision ${revision} of article ${state.id} needs its event and the later ones that touched it, from its history`,
    );
  }
  const { reverted, laterTouching, through } = past;
  if (reverted.revision !== revision || through !== state.revision) {
    throw new Error(
      `The past given for article ${state.id} is revision ${reverted.revision} up to ${through}, not ${revision} up to ${state.revision}`,
    );
  }
  const reach = revertReach(reverted);
  let previous = revision;
  for (const later of laterTouching) {
    if (later.revision <= previous || later.revision > through || !touches(later, reach)) {
      throw new Error(
        `Revision ${later.revision} of article ${state.id} is not a later change to what revision ${revision} changed`,
      );
    }
    previous = later.revision;
  }
  return past;
}

function touches(later: RecordedArticleEvent, reach: readonly string[]): boolean {
  const { fields } = changeOf(later);
  return reach.some((field) => fields.has(field));
}
