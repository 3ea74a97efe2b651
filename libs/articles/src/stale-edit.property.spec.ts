import fc from 'fast-check';
import { type Article, contentOf } from './article';
import type { ArticleCommand, FindAndReplace } from './commands';
import { ArticleError } from './errors';
import type { ArticleEvent } from './events';
import { evolve } from './evolve';
import { findMatches } from './find-text';
import { slugify } from './slug';
import { append, givenSample, type Stream, when } from './testing/given';
import { whenStale } from './testing/stale';

/**
 * Random pairs of edits on the sample story: A is saved first, B was written against the revision
 * before A. B merges exactly when its region (its block and the place its find lands, the
 * headline, or its category) does not overlap A's, and then the story is both edits in sequence.
 */

type Edit =
  | { kind: 'slice'; block: number; start: number; length: number; replace: string; inBlock: boolean }
  | { kind: 'phrase'; phrase: string; occurrence?: number; replace: string; inBlock: boolean }
  | { kind: 'headline'; text: string }
  | { kind: 'add' | 'remove'; label: string };

const PHRASES = ['Putin', 'Biden', 'Putin said', 'Russia', 'the United States', 'summit', 'press conference', 'Meanwhile'];
const REPLACEMENTS = [...PHRASES, '', 'CNN’s', 'Genf', 'a White House official'];
const LABELS = ['Diplomacy', 'Geneva', 'Cybersecurity'];
/** Edits crowd into the first few paragraphs, so that pairs often share one. */
const BLOCK = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 3 }), weight: 3 }, fc.integer({ min: 0, max: 12 }));

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('slice' as const),
      block: BLOCK,
      start: fc.nat(),
      length: fc.integer({ min: 1, max: 30 }),
      replace: fc.oneof(fc.constantFrom(...REPLACEMENTS), fc.string({ maxLength: 6 })),
      inBlock: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record(
      {
        kind: fc.constant('phrase' as const),
        phrase: fc.constantFrom(...PHRASES),
        occurrence: fc.integer({ min: 1, max: 4 }),
        replace: fc.constantFrom(...REPLACEMENTS),
        inBlock: fc.constant(false),
      },
      { requiredKeys: ['kind', 'phrase', 'replace', 'inBlock'] },
    ),
  },
  fc.record({ kind: fc.constant('headline' as const), text: fc.constantFrom('Summit ends', 'Biden and Putin meet') }),
  fc.record({ kind: fc.constantFrom('add' as const, 'remove' as const), label: fc.constantFrom(...LABELS) }),
);

function commandOf(edit: Edit, state: Article): ArticleCommand {
  switch (edit.kind) {
    case 'slice': {
      const block = state.blocks[edit.block % state.blocks.length];
      const start = edit.start % block.text.length;
      const find = block.text.slice(start, start + edit.length);
      return { type: 'CorrectText', find, replace: edit.replace, ...(edit.inBlock ? { blockId: block.id } : {}) };
    }
    case 'phrase':
      return { type: 'FixAttribution', find: edit.phrase, replace: edit.replace, occurrence: edit.occurrence };
    case 'headline':
      return { type: 'ChangeHeadline', headline: edit.text };
    case 'add':
      return { type: 'AddCategory', label: edit.label };
    case 'remove':
      return { type: 'RemoveCategory', slug: slugify(edit.label) };
  }
}

/** The event a command makes on `stream`, `undefined` when it is refused there. */
function attempt(stream: Stream, command: ArticleCommand): ArticleEvent | null | undefined {
  try {
    return when(stream, command);
  } catch (error) {
    if (error instanceof ArticleError) return undefined;
    throw error;
  }
}

/** Where a find-and-replace lands, worked out afresh: every occurrence in scope, then the one asked for. */
function landing(command: FindAndReplace, article: Article): string {
  const matches = findMatches(article.blocks, command.find, command.blockId);
  const match =
    command.occurrence === undefined ? (matches.length === 1 ? matches[0] : undefined) : matches[command.occurrence - 1];
  return match === undefined ? 'nowhere' : `${match.blockId}@${match.start}-${match.end}`;
}

/** The field an edit's event changed, or that a command reads at `article`. */
function regionOf(command: ArticleCommand, article: Article): string {
  if (command.type === 'ChangeHeadline') return 'headline';
  if (command.type === 'AddCategory') return `category:${slugify(command.label)}`;
  if (command.type === 'RemoveCategory') return `category:${command.slug}`;
  if (command.type === 'CorrectText' || command.type === 'FixAttribution')
    return `block:${landing(command, article).split('@')[0]}`;
  throw new Error(`not an edit: ${command.type}`);
}

const bySlug = (article: Article) => ({
  ...contentOf(article),
  categories: [...article.categories].sort((a, b) => a.slug.localeCompare(b.slug)),
});

describe('stale edits merging, for random pairs of edits on the sample story', () => {
  const base = givenSample({ type: 'AddCategory', label: 'Geneva' });
  const seen = base.state.revision;

  it('conflicts exactly when the regions overlap; a merge is both edits in sequence, in either order', () => {
    const seenOutcomes = { merged: 0, conflict: 0 };
    fc.assert(
      fc.property(editArb, editArb, (editA, editB) => {
        const a = commandOf(editA, base.state);
        const b = commandOf(editB, base.state);
        const eventA = attempt(base, a);
        const eventB = attempt(base, b);
        fc.pre(eventA != null && eventB !== undefined);
        const afterA = append(base, eventA!);

        const overlap =
          regionOf(a, base.state) === regionOf(b, base.state) ||
          ((b.type === 'CorrectText' || b.type === 'FixAttribution') && landing(b, base.state) !== landing(b, afterA.state));
        const outcome = whenStale(afterA, seen, b);
        seenOutcomes[outcome.kind] += 1;
        expect(outcome.kind).toBe(overlap ? 'conflict' : 'merged');
        if (outcome.kind === 'conflict') {
          expect(outcome.revisions).toEqual([afterA.state.revision]);
          return;
        }
        // The merged event is the edit made on the revision seen, and lands as if made in sequence.
        expect(outcome.event).toEqual(eventB);
        const merged = outcome.event === null ? afterA.state : append(afterA, outcome.event).state;
        const aThenB =
          eventB === null
            ? afterA.state
            : evolve(afterA.state, { revision: seen + 2, recordedAt: merged.updatedAt!, event: eventB });
        expect(merged).toEqual(aThenB);
        const bFirst = eventB === null ? base : append(base, eventB);
        expect(bySlug(append(bFirst, eventA!).state)).toEqual(bySlug(merged));
      }),
      { numRuns: 600 },
    );
    // Both sides of the rule were exercised, not only the easy one.
    expect(seenOutcomes.merged).toBeGreaterThan(50);
    expect(seenOutcomes.conflict).toBeGreaterThan(50);
  });
});
