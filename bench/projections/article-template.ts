import { readFileSync } from 'node:fs';
import {
  type Article,
  ArticleError,
  type ArticleEvent,
  decide,
  emptyArticle,
  evolve,
  fold,
  pastIn,
  type RecordedArticleEvent,
} from '@newsroom/articles';
import { CREATE_FIELDS, CYCLE, commandFor, FALLBACKS, MoveCounters, type MoveKind, type PlannedCommand } from './edit-plan';

const STORY = 'test/fixtures/geneva-summit.txt';
/** Any id: no event's data names its article, so every article of the log reuses these events. */
const TEMPLATE_ID = '00000000-0000-4000-8000-000000000000';
const TEMPLATE_START = Date.parse('2021-06-16T12:00:00.000Z');
const MINUTE = 60_000;

/** One event of the template article, with who asked for it and why. */
export interface TemplateEvent {
  event: ArticleEvent;
  actor: string;
  reason: string | null;
}

export interface ArticleTemplate {
  events: TemplateEvent[];
  /** The article after the last event, as the domain folds it. */
  final: Article;
  /** How many events of each type, for the report. */
  mix: Record<string, number>;
}

/**
 * One article's history, produced by the domain itself: every event is what `decide` answered to
 * a command on the state `evolve` had folded so far, so the log is one the API could have written.
 * The publication comes at about a third of the edits, as a story goes live after its first pass.
 */
export function buildArticleTemplate(edits: number): ArticleTemplate {
  const history: RecordedArticleEvent[] = [];
  const events: TemplateEvent[] = [];
  let state = emptyArticle(TEMPLATE_ID);
  const record = (planned: PlannedCommand, event: ArticleEvent): void => {
    const recorded = {
      revision: state.revision + 1,
      recordedAt: new Date(TEMPLATE_START + history.length * MINUTE).toISOString(),
      event,
    };
    history.push(recorded);
    events.push({ event, actor: planned.actor.id, reason: planned.reason });
    state = evolve(state, recorded);
  };

  const creation: PlannedCommand = {
    command: { type: 'CreateArticle', body: readFileSync(STORY, 'utf8'), ...CREATE_FIELDS },
    actor: { id: 'bench-reporter-0', roles: ['reporter'] },
    reason: null,
  };
  record(creation, decideOrFail(creation, state, history));

  const counters = new MoveCounters();
  const publishAt = Math.floor(edits / 3);
  for (let edit = 0; edit < edits; edit++) {
    if (edit === publishAt) {
      const publication: PlannedCommand = {
        command: { type: 'PublishArticle' },
        actor: { id: 'bench-editor-0', roles: ['editor'] },
        reason: null,
      };
      record(publication, decideOrFail(publication, state, history));
      continue;
    }
    const [planned, event] = firstThatApplies([CYCLE[edit % CYCLE.length], ...FALLBACKS], state, history, counters);
    record(planned, event);
  }

  const final = fold(TEMPLATE_ID, history);
  if (final.revision !== edits + 1) throw new Error(`the template has ${final.revision} events, not ${edits + 1}`);
  const mix: Record<string, number> = {};
  for (const { event } of events) mix[event.type] = (mix[event.type] ?? 0) + 1;
  return { events, final, mix };
}

/** The first move that makes a change; a refusal (a conflict, nothing to restore) moves on. */
function firstThatApplies(
  kinds: MoveKind[],
  state: Article,
  history: readonly RecordedArticleEvent[],
  counters: MoveCounters,
): [PlannedCommand, ArticleEvent] {
  for (const kind of kinds) {
    const planned = commandFor(kind, state, counters.next(kind));
    if (!planned) continue;
    try {
      const event = decide(planned.command, state, { actor: planned.actor, past: pastIn(history, planned.command, state) });
      if (event) return [planned, event];
    } catch (error) {
      if (!(error instanceof ArticleError)) throw error;
    }
  }
  throw new Error(`no move applies at revision ${state.revision}`);
}

function decideOrFail(planned: PlannedCommand, state: Article, history: readonly RecordedArticleEvent[]): ArticleEvent {
  const event = decide(planned.command, state, { actor: planned.actor, past: pastIn(history, planned.command, state) });
  if (!event) throw new Error(`${planned.command.type} changed nothing`);
  return event;
}
