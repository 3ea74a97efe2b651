import { type Article, emptyArticle } from '../article';
import type { Actor, ArticleCommand, CreateArticle } from '../commands';
import { decide } from '../decide';
import { ArticleError } from '../errors';
import type { ArticleEvent, RecordedArticleEvent } from '../events';
import { evolve } from '../evolve';
import { pastIn } from '../past';
import { SAMPLE_STORY } from './sample-story';

/** Helpers for given/when/then specs: a stream is built the way a command handler builds it. */

export const ARTICLE_ID = '6f1c2a8e-0d4b-4c39-9a57-1f0e2b3c4d5e';
export const EDITOR: Actor = { id: 'edna', roles: ['editor'] };
export const REPORTER: Actor = { id: 'rita', roles: ['reporter'] };

export interface Stream {
  state: Article;
  history: RecordedArticleEvent[];
}

/** A fixed clock: revision n was recorded n minutes after noon on the day of the summit. */
export function timeOf(revision: number): string {
  return new Date(Date.UTC(2021, 5, 16, 12, revision)).toISOString();
}

export function createSample(extra: Partial<CreateArticle> = {}): CreateArticle {
  return { type: 'CreateArticle', body: SAMPLE_STORY, ...extra };
}

/** The stream after `commands`, each decided by an editor; each must append an event. */
export function given(...commands: ArticleCommand[]): Stream {
  return commands.reduce<Stream>(
    (stream, command) => {
      const event = when(stream, command);
      if (event === null) throw new Error(`Given ${command.type} appended nothing`);
      return append(stream, event);
    },
    { state: emptyArticle(ARTICLE_ID), history: [] },
  );
}

/** The sample story, created, then `commands`. */
export function givenSample(...commands: ArticleCommand[]): Stream {
  return given(createSample(), ...commands);
}

export function when(stream: Stream, command: ArticleCommand, actor: Actor = EDITOR): ArticleEvent | null {
  return decide(command, stream.state, { actor, past: pastIn(stream.history, command, stream.state) });
}

export function append(stream: Stream, event: ArticleEvent): Stream {
  const recorded = { revision: stream.state.revision + 1, recordedAt: timeOf(stream.state.revision + 1), event };
  return { state: evolve(stream.state, recorded), history: [...stream.history, recorded] };
}

/** The block's text in the current state. */
export function textOf(stream: Stream, blockId: string): string {
  return stream.state.blocks.find((block) => block.id === blockId)?.text ?? '';
}

/** Runs `act` and returns the ArticleError it throws (fails the test if it throws nothing). */
export function refusal(act: () => unknown): ArticleError {
  try {
    act();
  } catch (error) {
    if (error instanceof ArticleError) return error;
    throw error;
  }
  throw new Error('Expected the command to be refused');
}
