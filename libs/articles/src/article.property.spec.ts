import fc from 'fast-check';
import type { Article } from './article';
import type { Actor, ArticleCommand } from './commands';
import { ArticleError } from './errors';
import { fold } from './evolve';
import { slugify } from './slug';
import { append, ARTICLE_ID, createSample, EDITOR, given, REPORTER, type Stream, when } from './testing/given';

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
function run(steps: [Step, Actor][]): Stream[] {
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

const runArb = fc.array(fc.tuple(stepArb, fc.constantFrom(EDITOR, EDITOR, REPORTER)), { maxLength: 40 });

describe('the article, for random command sequences against the sample story', () => {
  it('folding the appended events reproduces the state built one by one (also after a JSON round trip)', () => {
    fc.assert(
      fc.property(runArb, (steps) => {
        const { state, history } = run(steps).at(-1)!;
        expect(fold(ARTICLE_ID, history)).toEqual(state);
        expect(fold(ARTICLE_ID, JSON.parse(JSON.stringify(history)))).toEqual(state);
      }),
      { numRuns: 300 },
    );
  });

  it('revisions stay contiguous, block ids never change, and corrections only grow', () => {
    fc.assert(
      fc.property(runArb, (steps) => {
        const streams = run(steps);
        const last = streams[streams.length - 1];
        expect(last.history.map((recorded) => recorded.revision)).toEqual(last.history.map((_, index) => index + 1));
        const ids = streams[0].state.blocks.map((block) => `${block.id}:${block.type}`);
        streams.slice(1).forEach((stream, index) => {
          const previous = streams[index].state;
          expect(stream.state.revision).toBe(previous.revision + 1);
          expect(stream.state.blocks.map((block) => `${block.id}:${block.type}`)).toEqual(ids);
          expect(stream.state.corrections.slice(0, previous.corrections.length)).toEqual(previous.corrections);
        });
      }),
      { numRuns: 300 },
    );
  });
});
