/**
 * The edits each article goes through, over and over. Every step undoes an earlier one, so the
 * cycle can repeat forever and every command stays valid: a correction finds its phrase exactly
 * once (the sample story holds each `from` once and no `to`), and a category is only ever added
 * when absent and removed when present. Half are text corrections, half category changes, and
 * two different blocks are edited.
 */

import { CATEGORY, CORRESPONDENT, CORRESPONDENT_BACK, OFFICIAL } from '../support/sample-edits';

export interface CommandStep {
  name: 'correction' | 'category-add' | 'category-remove';
  method: 'POST' | 'DELETE';
  /** Relative to /articles/{id}. */
  path: string;
  /** Serialised once: the benchmark should spend its CPU sending, not stringifying. */
  body: string;
}

function correction(edit: { from: string; to: string }): CommandStep {
  const body = { find: edit.from, replace: edit.to, reason: 'Benchmark: correct the text' };
  return { name: 'correction', method: 'POST', path: '/text-corrections', body: JSON.stringify(body) };
}

const ADD_CATEGORY: CommandStep = {
  name: 'category-add',
  method: 'POST',
  path: '/categories',
  body: JSON.stringify({ label: CATEGORY.label, code: CATEGORY.code, reason: 'Benchmark: categorise' }),
};

const REMOVE_CATEGORY: CommandStep = {
  name: 'category-remove',
  method: 'DELETE',
  path: `/categories/${CATEGORY.slug}`,
  body: JSON.stringify({ reason: 'Benchmark: uncategorise' }),
};

export const COMMAND_CYCLE: readonly CommandStep[] = [
  correction(OFFICIAL),
  ADD_CATEGORY,
  correction(CORRESPONDENT),
  REMOVE_CATEGORY,
  correction({ from: OFFICIAL.to, to: OFFICIAL.from }),
  ADD_CATEGORY,
  correction(CORRESPONDENT_BACK),
  REMOVE_CATEGORY,
];
