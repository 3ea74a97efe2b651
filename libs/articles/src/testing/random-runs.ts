import fc from 'fast-check';
import type { Article } from '../article';
import type { Actor, ArticleCommand } from '../commands';
import { ArticleError } from '../errors';
import { slugify } from '../slug';
import { append, createSample, EDITOR, given, REPORTER, type Stream, when } from './given';

/**
 * Random command sequences against the sample story, for property specs: each step is decided
 * and applied as a handler would, by an editor or a reporter.
 */

/** A command described independently of the state; `toCommand` aims it at the article as it is. */
type Step =
  | { kind: 'headline'; text: string }
  | {
      kind: 'edit';
      attribution: boolean;
      block: number;
      start: number;
      length: number;
      replace: string;
      occurrence?: number;
      notice?: string;
      inBlock: boolean;
    }
  | { kind: 'add' | 'remove'; label: string }
  | { kind: 'publish' | 'withdraw' }
  | { kind: 'restore' | 'revert'; pick: number };

const LABELS = ['Diplomacy', 'US–Russia Relations', 'Cybersecurity', 'Política Exterior', 'Geneva'];
const REPLACEMENTS = ['CNN’s', "CNN's", '', 'a White House official said.', '“quoted”', 'Genf'];

const editArb: fc.Arbitrary<Step> = fc.record(
  {
    kind: fc.constant('edit' as const),
    attribution: fc.boolean(),
    block: fc.nat(),
    start: fc.nat(),
    length: fc.integer({ min: 1, max: 24 }),
    replace: fc.oneof(fc.constantFrom(...REPLACEMENTS), fc.string({ maxLength: 8 })),
    occurrence: fc.constantFrom(1, 1, 2),
    notice: fc.constantFrom('An earlier version was wrong.', 'Clarified.'),
    inBlock: fc.boolean(),
  },
  { requiredKeys: ['kind', 'attribution', 'block', 'start', 'length', 'replace', 'inBlock'] },
);

/** Weighted towards text edits and reverts, where tracking ranges through history can go wrong. */
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: editArb, weight: 4 },
  fc.record({ kind: fc.constant('headline' as const), text: fc.constantFrom('Summit ends', 'Biden and Putin meet', ' ') }),
  fc.record({ kind: fc.constantFrom('add' as const, 'remove' as const), label: fc.constantFrom(...LABELS) }),
  fc.record({ kind: fc.constantFrom('publish' as const, 'withdraw' as const) }),
  fc.record({ kind: fc.constant('restore' as const), pick: fc.nat() }),
  { arbitrary: fc.record({ kind: fc.constant('revert' as const), pick: fc.nat() }), weight: 3 },
);

function toCommand(step: Step, state: Article): ArticleCommand {
  switch (step.kind) {
    case 'headline':
      return { type: 'ChangeHeadline', headline: step.text };
    case 'edit': {
      const block = state.blocks[step.block % state.blocks.length];
      const start = step.start % block.text.length;
      const find = block.text.slice(start, start + step.length);
      const { replace, occurrence, notice } = step;
      const where = step.inBlock ? { blockId: block.id } : {};
      return { type: step.attribution ? 'FixAttribution' : 'CorrectText', find, replace, occurrence, notice, ...where };
    }
    case 'add':
      return { type: 'AddCategory', label: step.label };
    case 'remove':
      return { type: 'RemoveCategory', slug: slugify(step.label) };
    case 'publish':
      return { type: 'PublishArticle' };
    case 'withdraw':
      return { type: 'WithdrawArticle' };
    case 'restore':
      return { type: 'RestoreArticle', revision: 1 + (step.pick % state.revision) };
    case 'revert':
      return { type: 'RevertChange', revision: 1 + (step.pick % state.revision) };
  }
}

/** Decides and applies each step like a handler would; refusals and no-ops append nothing. */
export function run(steps: [Step, Actor][]): Stream[] {
  const streams = [given(createSample())];
  for (const [step, actor] of steps) {
    const stream = streams[streams.length - 1];
    try {
      const event = when(stream, toCommand(step, stream.state), actor);
      if (event !== null) streams.push(append(stream, event));
    } catch (error) {
      if (!(error instanceof ArticleError)) throw error;
    }
  }
  return streams;
}

export const runArb = fc.array(fc.tuple(stepArb, fc.constantFrom(EDITOR, EDITOR, REPORTER)), { maxLength: 40 });
