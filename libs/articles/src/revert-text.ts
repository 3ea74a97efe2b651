import { type ArticleContent, contentOf } from './article';
import { blockKey } from './content';
import type { TextEdit } from './events';
import { revertConflict, type RevisionChange } from './revision-changes';

interface Range {
  start: number;
  end: number;
}

/**
 * Puts the found text back where the replacement now stands. The replacement's range is followed
 * through every later revision: an edit wholly before it in the same block shifts it, one wholly
 * after leaves it, one overlapping it (or a restore/revert that changed the block) is a conflict.
 */
export function revertTextEdit(
  edit: TextEdit,
  revision: number,
  later: readonly RevisionChange[],
  current: ArticleContent,
): ArticleContent {
  let range: Range = { start: edit.range.start, end: edit.range.start + edit.replacement.length };
  const conflicts: number[] = [];
  for (const change of later) {
    const tracked = trackThrough(range, edit.blockId, change);
    if (tracked === 'conflict') conflicts.push(change.revision);
    else range = tracked;
  }
  if (conflicts.length > 0) throw revertConflict(revision, conflicts);
  return putBack(current, edit, range);
}

function trackThrough(range: Range, blockId: string, change: RevisionChange): Range | 'conflict' {
  const { event } = change;
  if (event.type !== 'AttributionFixed' && event.type !== 'TextCorrected') {
    return change.fields.has(blockKey({ id: blockId })) ? 'conflict' : range;
  }
  const later = event.data;
  if (later.blockId !== blockId || later.range.start >= range.end) return range;
  if (later.range.end > range.start) return 'conflict';
  const shift = later.replacement.length - (later.range.end - later.range.start);
  return { start: range.start + shift, end: range.end + shift };
}

function putBack(current: ArticleContent, edit: TextEdit, range: Range): ArticleContent {
  const result = contentOf(current);
  const block = result.blocks.find((candidate) => candidate.id === edit.blockId);
  // Tracking guarantees this; if it fails the events given are not the ones the state came from.
  if (block === undefined || block.text.slice(range.start, range.end) !== edit.replacement) {
    throw new Error(`Block ${edit.blockId} does not hold the replacement where its edit left it`);
  }
  block.text = block.text.slice(0, range.start) + edit.found + block.text.slice(range.end);
  return result;
}
