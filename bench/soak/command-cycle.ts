/**
 * The edits each article goes through, over and over. Every step changes the article and a later
 * step undoes it, so the cycle can repeat for as long as the soak runs and every command is valid
 * and appends exactly one event: a correction finds its phrase exactly once (the sample story
 * holds each `from` once and no `to`), a category is added only when absent and removed only when
 * present, the headline alternates between two texts, and publish and withdraw alternate.
 */

import { CATEGORY, CORRESPONDENT, CORRESPONDENT_BACK, OFFICIAL } from '../support/sample-edits';

export type CommandName =
  'text-correction' | 'attribution-fix' | 'category-add' | 'category-remove' | 'headline' | 'publish' | 'withdraw';

export interface CommandPlan {
  name: CommandName;
  method: 'POST' | 'PUT' | 'DELETE';
  /** Relative to /articles/{id}. */
  path: string;
  body: string;
  /** Whether the command appends a public correction notice (the corrections feed must show it). */
  notice: boolean;
}

/** Where an article stands in its cycle. */
export interface CycleState {
  step: number;
  /** Whole cycles done: every fourth one's first correction carries a notice. */
  cycles: number;
  /** Headline changes done: the next one sets HEADLINES[headlines % 2]. */
  headlines: number;
}

const HEADLINES = ['Biden and Putin end Geneva summit after four hours', 'Geneva summit ends with talks on cybersecurity'];
const NOTICE_KINDS = ['correction', 'clarification', 'editors-note', 'update'] as const;
/**
 * Notices are rare, as in a newsroom, and they matter for the soak: an article's notices are
 * never removed, so each one makes every later answer about that article a little longer.
 */
const NOTICE_EVERY_CYCLES = 4;

type Step = (state: CycleState) => CommandPlan;

function findReplace(name: 'text-correction' | 'attribution-fix', edit: { from: string; to: string }, withNotice = false): Step {
  const path = name === 'text-correction' ? '/text-corrections' : '/attribution-fixes';
  return ({ cycles }) => {
    const notice = withNotice && cycles % NOTICE_EVERY_CYCLES === 0;
    const body: Record<string, string> = { find: edit.from, replace: edit.to, reason: 'Soak: correct the text' };
    if (notice) {
      body.notice = `An earlier version of this article misquoted a source (soak cycle ${cycles}).`;
      body.noticeKind = NOTICE_KINDS[(cycles / NOTICE_EVERY_CYCLES) % NOTICE_KINDS.length];
    }
    return { name, method: 'POST', path, body: JSON.stringify(body), notice };
  };
}

function fixed(name: CommandName, method: CommandPlan['method'], path: string, body: object): Step {
  // Serialised once: the load generator should spend its CPU sending, not stringifying.
  const plan: CommandPlan = { name, method, path, body: JSON.stringify(body), notice: false };
  return () => plan;
}

const headline: Step = ({ headlines }) => ({
  name: 'headline',
  method: 'PUT',
  path: '/headline',
  body: JSON.stringify({ headline: HEADLINES[headlines % HEADLINES.length], reason: 'Soak: sharpen the headline' }),
  notice: false,
});

const addCategory = fixed('category-add', 'POST', '/categories', {
  label: CATEGORY.label,
  code: CATEGORY.code,
  reason: 'Soak: categorise',
});
const removeCategory = fixed('category-remove', 'DELETE', `/categories/${CATEGORY.slug}`, { reason: 'Soak: uncategorise' });

const CYCLE: readonly Step[] = [
  findReplace('text-correction', OFFICIAL, true),
  addCategory,
  headline,
  // A headline exists from here on: publishing needs one.
  fixed('publish', 'POST', '/publication', { reason: 'Soak: publish' }),
  findReplace('attribution-fix', CORRESPONDENT),
  removeCategory,
  findReplace('text-correction', { from: OFFICIAL.to, to: OFFICIAL.from }),
  fixed('withdraw', 'DELETE', '/publication', { reason: 'Soak: withdraw' }),
  headline,
  findReplace('attribution-fix', CORRESPONDENT_BACK),
];

export function nextCommand(state: CycleState): CommandPlan {
  return CYCLE[state.step](state);
}

/** Moves the article on once its command applied. */
export function advance(state: CycleState, plan: CommandPlan): void {
  if (plan.name === 'headline') state.headlines++;
  state.step = (state.step + 1) % CYCLE.length;
  if (state.step === 0) state.cycles++;
}

/** The category the cycle adds and removes (listings filter on it). */
export const CYCLE_CATEGORY_SLUG = CATEGORY.slug;
