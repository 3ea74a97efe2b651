import type { Block } from './article';
import { ArticleError } from './errors';

/** One place where `find` stands in the article. */
export interface TextMatch {
  blockId: string;
  /** UTF-16 offsets into the block's text, end exclusive. */
  start: number;
  end: number;
  /** The matched text as it stands in the article (with its own quotes). */
  text: string;
}

/**
 * Editors type straight quotes; stories carry typographic ones. Each of these is one UTF-16 unit
 * and so is its replacement, so offsets in the folded text are offsets in the original.
 */
export function foldQuotes(text: string): string {
  return text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
}

/**
 * Every non-overlapping occurrence of `find`, in block order then offset, treating straight and
 * typographic quotes as equal. With `blockId`, only that block is searched (`BlockNotFound` if the
 * article has none by that id). An empty `find` matches nothing.
 */
export function findMatches(blocks: readonly Block[], find: string, blockId?: string): TextMatch[] {
  const searched = blockId === undefined ? blocks : blocks.filter((block) => block.id === blockId);
  if (blockId !== undefined && searched.length === 0) {
    throw new ArticleError('BlockNotFound', `The article has no block ${blockId}`, { blockId });
  }
  if (find === '') return [];
  const needle = foldQuotes(find);
  return searched.flatMap((block) => matchesIn(block, needle));
}

function matchesIn(block: Block, needle: string): TextMatch[] {
  const haystack = foldQuotes(block.text);
  const matches: TextMatch[] = [];
  for (let start = haystack.indexOf(needle); start !== -1; start = haystack.indexOf(needle, start + needle.length)) {
    const end = start + needle.length;
    matches.push({ blockId: block.id, start, end, text: block.text.slice(start, end) });
  }
  return matches;
}
