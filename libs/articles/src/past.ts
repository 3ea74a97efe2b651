import type { Article } from './article';
import type { ArticleCommand } from './commands';
import type { RecordedArticleEvent } from './events';
import { fold } from './evolve';

/**
 * The part of an article's past that restore and revert decide on, read by the caller: what
 * `pastNeededBy` names and nothing more. A restore's is one state, whatever the story's length;
 * a revert's grows with the changes after the one it undoes, not with the changes before.
 */
export interface ArticlePast {
  /** RestoreArticle: the article as it was at the command's revision. */
  articleAt?: Article;
  /** RevertChange: the stream from the command's revision to the current one, oldest first. */
  eventsSince?: readonly RecordedArticleEvent[];
}

export type PastNeeded = { kind: 'article-at'; revision: number } | { kind: 'events-since'; revision: number } | null;

/**
 * What of the past `command` decides on: the article at a revision (restore), the events from a
 * revision on (revert), or nothing. Nothing either for a revision the stream does not have:
 * the decision refuses that before it looks at the past.
 */
export function pastNeededBy(command: ArticleCommand, state: Article): PastNeeded {
  if (command.type !== 'RestoreArticle' && command.type !== 'RevertChange') return null;
  const { revision } = command;
  if (!Number.isInteger(revision) || revision < 1 || revision > state.revision) return null;
  return { kind: command.type === 'RestoreArticle' ? 'article-at' : 'events-since', revision };
}

/** The past `command` needs, taken from a whole stream held in memory (specs, generated logs). */
export function pastIn(history: readonly RecordedArticleEvent[], command: ArticleCommand, state: Article): ArticlePast {
  const needed = pastNeededBy(command, state);
  if (needed?.kind === 'article-at') return { articleAt: fold(state.id, history.slice(0, needed.revision)) };
  if (needed?.kind === 'events-since') return { eventsSince: history.slice(needed.revision - 1, state.revision) };
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
 * The events from `revision` to the state's, checked to run without a gap: a revert that missed
 * a later change could undo text that change had moved or replaced.
 */
export function requireEventsSince(
  events: readonly RecordedArticleEvent[] | undefined,
  revision: number,
  state: Article,
): readonly RecordedArticleEvent[] {
  if (events === undefined) {
    throw new Error(`Reverting revision ${revision} of article ${state.id} needs the events since, from its history`);
  }
  const expected = state.revision - revision + 1;
  if (events.length !== expected || events.some((recorded, index) => recorded.revision !== revision + index)) {
    throw new Error(`The events given for article ${state.id} do not run from revision ${revision} to ${state.revision}`);
  }
  return events;
}
