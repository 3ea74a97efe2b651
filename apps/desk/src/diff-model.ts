/**
 * The History screen's side-by-side diff as rows, from GET /articles/{id}/diff: the old side keeps
 * equal and deleted words, the new side equal and inserted ones; runs of unchanged blocks fold.
 */
import type { components } from '@newsroom/api-client';

export type ArticleDiff = components['schemas']['ArticleDiff'];
type Op = ArticleDiff['headline'][number];

export interface Segment {
  kind: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface ChangedRow {
  kind: 'changed';
  /** "Headline", "Byline", "Dateline" or a block id. */
  label: string;
  change: 'added' | 'removed' | 'changed';
  before: Segment[];
  after: Segment[];
}

export interface FoldedRow {
  kind: 'folded';
  blockIds: string[];
  /** The unchanged text, to unfold. */
  texts: string[];
}

export type DiffRow = ChangedRow | FoldedRow;

export interface DiffModel {
  rows: DiffRow[];
  categoriesAdded: string[];
  categoriesRemoved: string[];
  /** Nothing differs between the two revisions. */
  identical: boolean;
}

function sides(ops: Op[]): { before: Segment[]; after: Segment[] } {
  const before: Segment[] = [];
  const after: Segment[] = [];
  for (const { op, text } of ops) {
    if (op !== 'insert') before.push({ kind: op === 'delete' ? 'delete' : 'equal', text });
    if (op !== 'delete') after.push({ kind: op === 'insert' ? 'insert' : 'equal', text });
  }
  return { before, after };
}

const changed = (ops: Op[]) => ops.some((o) => o.op !== 'equal');

export function diffRows(diff: ArticleDiff): DiffModel {
  const rows: DiffRow[] = [];
  for (const [label, ops] of [
    ['Headline', diff.headline],
    ['Byline', diff.byline],
    ['Dateline', diff.dateline],
  ] as const) {
    if (changed(ops)) rows.push({ kind: 'changed', label, change: 'changed', ...sides(ops) });
  }
  let fold: FoldedRow | undefined;
  for (const block of diff.blocks) {
    if (block.change === 'unchanged') {
      if (!fold) rows.push((fold = { kind: 'folded', blockIds: [], texts: [] }));
      fold.blockIds.push(block.blockId);
      fold.texts.push(block.ops.map((o) => o.text).join(''));
      continue;
    }
    fold = undefined;
    rows.push({ kind: 'changed', label: block.blockId, change: block.change, ...sides(block.ops) });
  }
  const categoriesAdded = diff.categories.added.map((c) => c.label);
  const categoriesRemoved = diff.categories.removed.map((c) => c.label);
  const identical = rows.every((r) => r.kind === 'folded') && categoriesAdded.length === 0 && categoriesRemoved.length === 0;
  return { rows, categoriesAdded, categoriesRemoved, identical };
}

/** "1 unchanged paragraph" / "4 unchanged paragraphs". */
export function foldLabel(row: FoldedRow): string {
  const n = row.blockIds.length;
  return `${n} unchanged paragraph${n === 1 ? '' : 's'}`;
}
