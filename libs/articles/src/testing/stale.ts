import type { ArticleCommand } from '../commands';
import type { ContentField } from '../content';
import type { ArticleEvent } from '../events';
import { fold } from '../evolve';
import { decideStale, mergesWhenStale, revisionsTouching } from '../stale-edit';
import { ARTICLE_ID, EDITOR, type Stream, when } from './given';

/** What a command written against an older revision comes to, the way the handler decides it. */
export type StaleOutcome =
  { kind: 'merged'; event: ArticleEvent | null } | { kind: 'conflict'; fields: ContentField[]; revisions: number[] };

/** `command`, whose author saw revision `seen`, sent to the stream as it is now. */
export function whenStale(stream: Stream, seen: number, command: ArticleCommand, actor = EDITOR): StaleOutcome {
  if (!mergesWhenStale(command)) throw new Error(`${command.type} never merges`);
  const verdict = decideStale(command, fold(ARTICLE_ID, stream.history.slice(0, seen)), stream.state);
  if (verdict.kind === 'merge') return { kind: 'merged', event: when(stream, command, actor) };
  return { kind: 'conflict', fields: verdict.fields, revisions: revisionsTouching(verdict.fields, stream.history.slice(seen)) };
}
