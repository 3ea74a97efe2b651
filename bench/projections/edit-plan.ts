import type { Article, ArticleCommand, Role } from '@newsroom/articles';

/**
 * What a newsroom does to the Geneva story after filing it: text corrections back and forth,
 * attribution fixes with notices, headline changes, categories added and removed, one
 * publication, and now and then a revert or a restore. Each move looks at the article as it is,
 * so that a restore bringing old text back never leaves a later correction without its target.
 */

export interface PlannedCommand {
  command: ArticleCommand;
  actor: { id: string; roles: Role[] };
  reason: string | null;
}

export type MoveKind = 'text' | 'attribution' | 'headline' | 'add-category' | 'remove-category' | 'revert' | 'restore';

/** One cycle of moves; the plan repeats it. Text edits dominate, as they do in a real history. */
export const CYCLE: readonly MoveKind[] = [
  'text',
  'text',
  'headline',
  'add-category',
  'text',
  'attribution',
  'text',
  'remove-category',
  'text',
  'headline',
  'text',
  'text',
  'add-category',
  'revert',
  'text',
  'attribution',
  'text',
  'remove-category',
  'restore',
  'text',
];

/** When a move cannot apply (nothing to remove, a revert that would conflict), these stand in. */
export const FALLBACKS: readonly MoveKind[] = ['text', 'headline', 'add-category'];

export const CREATE_FIELDS = {
  headline: 'Biden and Putin end Geneva summit after four hours',
  byline: 'Newsroom staff',
  dateline: 'GENEVA',
  categories: [{ label: 'World' }, { label: 'Diplomacy' }],
};

/** Phrase pairs that each toggle between two readings of one block; the first is the story's own. */
const TEXT_TOGGLES: ReadonlyArray<{ blockId: string; phrases: [string, string] }> = [
  { blockId: 'b1', phrases: ['ended on Wednesday', 'ended on Tuesday'] },
  { blockId: 'b2', phrases: ['just over 90 minutes', 'just under 90 minutes'] },
  { blockId: 'b5', phrases: ['a La Casa official said. White.', 'a White House official said.'] },
  { blockId: 'b8', phrases: ['will begin consultations', 'will start consultations'] },
  { blockId: 'b13', phrases: ['ambassadors will return', 'ambassadors would return'] },
];

const ATTRIBUTION = { blockId: 'b9', phrases: ['Citizen Free Press’s Matthew Chance', 'CNN’s Matthew Chance'] as const };

const HEADLINES = [
  'Putin says Ukraine’s NATO bid is not up for discussion',
  'US and Russia to begin cybersecurity consultations after Geneva summit',
  'Ambassadors to return to their posts as Biden–Putin summit ends',
  CREATE_FIELDS.headline,
];

const CATEGORIES = [
  { label: 'Europe' },
  { label: 'Cybersecurity', code: '04003000' },
  { label: 'Russia' },
  { label: 'United States' },
  { label: 'Politics', code: '11000000' },
];

const REPORTERS = 4;
const EDITORS = 3;

/** Counters that make successive moves of a kind differ (the next phrase, the next headline). */
export class MoveCounters {
  private readonly used = new Map<MoveKind, number>();

  next(kind: MoveKind): number {
    const count = this.used.get(kind) ?? 0;
    this.used.set(kind, count + 1);
    return count;
  }
}

/**
 * The command for a move on `state`, or undefined when the move cannot apply to it. After
 * publication only editors may edit, so the actor follows the article's status.
 */
export function commandFor(kind: MoveKind, state: Article, turn: number): PlannedCommand | undefined {
  const published = state.status === 'published';
  const actor = published
    ? { id: `bench-editor-${turn % EDITORS}`, roles: ['editor'] as Role[] }
    : { id: `bench-reporter-${turn % REPORTERS}`, roles: ['reporter'] as Role[] };
  const planned = (command: ArticleCommand, reason: string | null = null): PlannedCommand => ({ command, actor, reason });
  switch (kind) {
    case 'text': {
      const toggle = TEXT_TOGGLES[turn % TEXT_TOGGLES.length];
      const swap = swapIn(state, toggle.blockId, toggle.phrases);
      if (!swap) return undefined;
      // Once the story is live, some corrections are owned up to in a public notice.
      const notice =
        published && turn % 4 === 0 ? { notice: 'An earlier version of this article misstated a detail of the summit.' } : {};
      return planned({ type: 'CorrectText', blockId: toggle.blockId, ...swap, ...notice }, 'Reader email');
    }
    case 'attribution': {
      const swap = swapIn(state, ATTRIBUTION.blockId, ATTRIBUTION.phrases);
      if (!swap) return undefined;
      // Putting the right name in owns up to the mistake; the flip back (an edit war) does not.
      const fixing = swap.replace === ATTRIBUTION.phrases[1];
      const notice = fixing
        ? { notice: `An earlier version of this article attributed a question to ${swap.find}; it was asked by ${swap.replace}.` }
        : {};
      return planned(
        { type: 'FixAttribution', blockId: ATTRIBUTION.blockId, ...swap, ...notice },
        'Attribution checked against the transcript',
      );
    }
    case 'headline':
      return planned({ type: 'ChangeHeadline', headline: HEADLINES[turn % HEADLINES.length] });
    case 'add-category': {
      const category = CATEGORIES.find((candidate) => !state.categories.some((present) => present.label === candidate.label));
      return category && planned({ type: 'AddCategory', ...category });
    }
    case 'remove-category': {
      const present = state.categories;
      return present.length > 0 ? planned({ type: 'RemoveCategory', slug: present[turn % present.length].slug }) : undefined;
    }
    case 'revert':
      // The latest change: nothing after it can conflict, so a revert fails only on creation or publication.
      return planned({ type: 'RevertChange', revision: state.revision }, 'Change made in error');
    case 'restore':
      return state.revision > 10
        ? planned({ type: 'RestoreArticle', revision: state.revision - 10 }, 'Back to the checked version')
        : undefined;
  }
}

/** Replaces whichever of the two phrases the block holds now by the other. */
function swapIn(
  state: Article,
  blockId: string,
  [first, second]: readonly [string, string],
): { find: string; replace: string } | undefined {
  const text = state.blocks.find((block) => block.id === blockId)?.text ?? '';
  if (text.includes(first)) return { find: first, replace: second };
  if (text.includes(second)) return { find: second, replace: first };
  return undefined;
}
