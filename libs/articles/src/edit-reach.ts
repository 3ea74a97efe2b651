import type { Article, Block, Category } from './article';
import type { FindAndReplace } from './commands';
import { blockKey, categoryKey, type ContentField } from './content';
import { ArticleError } from './errors';
import { findMatches, type TextMatch } from './find-text';
import { chosenMatch } from './text-edit';

/**
 * What changed, between the revision an editor saw (`seen`) and now (`state`), of the part of the
 * story one edit reads: the fields named as `ContentField`s, none when the edit may apply now
 * exactly as it would have applied then.
 */

export function headlineChanged(seen: Article, state: Article): ContentField[] {
  return seen.headline === state.headline ? [] : ['headline'];
}

/** The category with that slug: there at both revisions, or at neither, and byte-identical. */
export function categoryChanged(slug: string, seen: Article, state: Article): ContentField[] {
  const then = seen.categories.find((category) => category.slug === slug);
  const now = state.categories.find((category) => category.slug === slug);
  return sameCategory(then, now) ? [] : [categoryKey({ slug })];
}

/**
 * A find-and-replace reads the block it edits and every place its `find` could stand. It may
 * apply now when it lands on the same place (same block, same offsets: the same occurrence) and
 * that block is byte-identical. Otherwise the conflict is the block it edits, if that changed, and
 * every block whose own occurrences of `find` differ (they moved the place it resolves to, or made
 * it ambiguous, or made it appear or disappear). Refused then and refused now is no conflict: the
 * refusal now is the answer.
 */
export function textEditChanged(command: FindAndReplace, seen: Article, state: Article): ContentField[] {
  const then = placeIn(command, seen);
  const now = placeIn(command, state);
  const changed = new Set<string>();
  for (const place of [then, now]) {
    if (place !== null && textOf(seen, place.blockId) !== textOf(state, place.blockId)) changed.add(place.blockId);
  }
  if (!samePlace(then, now)) {
    blocksWhereFindMoved(command, seen, state).forEach((id) => changed.add(id));
    // Block ids and their order never change, so some block's occurrences moved; should that ever
    // not hold, the whole scope is the conflict rather than a silent merge.
    if (changed.size === 0) scopeOf(command, state.blocks).forEach((block) => changed.add(block.id));
  }
  return [...changed].map((id) => blockKey({ id }));
}

/** Where the edit lands, or `null` when it is refused there (not found, ambiguous, no such block). */
function placeIn(command: FindAndReplace, article: Article): TextMatch | null {
  try {
    return chosenMatch(command, article);
  } catch (error) {
    if (error instanceof ArticleError) return null;
    throw error;
  }
}

function samePlace(a: TextMatch | null, b: TextMatch | null): boolean {
  if (a === null || b === null) return a === b;
  return a.blockId === b.blockId && a.start === b.start && a.end === b.end;
}

/** Blocks in the edit's scope whose occurrences of `find` (offsets included) are not the same. */
function blocksWhereFindMoved(command: FindAndReplace, seen: Article, state: Article): string[] {
  const ids = new Set([...scopeOf(command, seen.blocks), ...scopeOf(command, state.blocks)].map((block) => block.id));
  return [...ids].filter((id) => !sameMatches(occurrences(command.find, seen, id), occurrences(command.find, state, id)));
}

function scopeOf(command: FindAndReplace, blocks: readonly Block[]): readonly Block[] {
  return command.blockId === undefined ? blocks : blocks.filter((block) => block.id === command.blockId);
}

function occurrences(find: string, article: Article, blockId: string): TextMatch[] {
  const block = article.blocks.filter((candidate) => candidate.id === blockId);
  return block.length === 0 ? [] : findMatches(block, find);
}

function sameMatches(a: readonly TextMatch[], b: readonly TextMatch[]): boolean {
  return a.length === b.length && a.every((match, index) => samePlace(match, b[index]));
}

function textOf(article: Article, blockId: string): string | undefined {
  return article.blocks.find((block) => block.id === blockId)?.text;
}

function sameCategory(a: Category | undefined, b: Category | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.label === b.label && (a.code ?? null) === (b.code ?? null);
}
