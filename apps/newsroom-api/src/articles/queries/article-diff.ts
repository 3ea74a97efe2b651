import { diffWordsWithSpace } from 'diff';
import type { Article, Category } from '@newsroom/articles';

export interface DiffOp {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface BlockDiff {
  blockId: string;
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  ops: DiffOp[];
}

export interface ArticleDiff {
  from: number;
  to: number;
  headline: DiffOp[];
  byline: DiffOp[];
  dateline: DiffOp[];
  blocks: BlockDiff[];
  categories: { added: Category[]; removed: Category[] };
}

/** Word-level differences between two states of one article, block by block (by stable id). */
export function diffArticles(from: Article, to: Article): ArticleDiff {
  return {
    from: from.revision,
    to: to.revision,
    headline: diffText(from.headline, to.headline),
    byline: diffText(from.byline, to.byline),
    dateline: diffText(from.dateline, to.dateline),
    blocks: diffBlocks(from, to),
    categories: {
      added: to.categories.filter((c) => !from.categories.some((f) => f.slug === c.slug)),
      removed: from.categories.filter((c) => !to.categories.some((t) => t.slug === c.slug)),
    },
  };
}

/**
 * Exact to the character (equal+delete rebuild the old text, equal+insert the new). jsdiff's
 * whitespace-exact word diff splits "La Casa" → "White House" around the space they share;
 * `mergeAcrossSpaces` joins such runs into one deletion and one insertion, as a reader sees it.
 */
export function diffText(before: string | null, after: string | null): DiffOp[] {
  const ops: DiffOp[] = diffWordsWithSpace(before ?? '', after ?? '').map((part) => ({
    op: part.added ? 'insert' : part.removed ? 'delete' : 'equal',
    text: part.value,
  }));
  return mergeAcrossSpaces(ops);
}

function mergeAcrossSpaces(ops: DiffOp[]): DiffOp[] {
  const merged: DiffOp[] = [];
  let deleted = '';
  let inserted = '';
  const flush = () => {
    if (deleted) merged.push({ op: 'delete', text: deleted });
    if (inserted) merged.push({ op: 'insert', text: inserted });
    deleted = inserted = '';
  };
  ops.forEach((op, i) => {
    const bridge = op.op === 'equal' && /^\s+$/.test(op.text) && deleted && inserted && ops[i + 1] && ops[i + 1].op !== 'equal';
    if (op.op === 'delete' || bridge) deleted += op.text;
    if (op.op === 'insert' || bridge) inserted += op.text;
    if (op.op === 'equal' && !bridge) {
      flush();
      merged.push(op);
    }
  });
  flush();
  return merged;
}

function diffBlocks(from: Article, to: Article): BlockDiff[] {
  const before = new Map(from.blocks.map((block) => [block.id, block.text]));
  const after = new Map(to.blocks.map((block) => [block.id, block.text]));
  const ids = [
    ...to.blocks.map((block) => block.id),
    ...from.blocks.filter((block) => !after.has(block.id)).map((block) => block.id),
  ];
  return ids.map((blockId) => {
    const old = before.get(blockId);
    const now = after.get(blockId);
    if (old === undefined) return { blockId, change: 'added', ops: diffText(null, now ?? '') };
    if (now === undefined) return { blockId, change: 'removed', ops: diffText(old, null) };
    return { blockId, change: old === now ? 'unchanged' : 'changed', ops: diffText(old, now) };
  });
}
