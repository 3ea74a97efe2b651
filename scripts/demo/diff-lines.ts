import type { components } from '@newsroom/api-client';
import type { Terminal } from './terminal';

type ArticleDiff = components['schemas']['ArticleDiff'];
type DiffOps = ArticleDiff['headline'];

/** Unchanged text longer than this is shortened around the changes, so that a change stays in view. */
const CONTEXT = 40;

function shortened(text: string, first: boolean, last: boolean): string {
  if (text.length <= 2 * CONTEXT + 1) return text;
  const head = first ? '' : text.slice(0, CONTEXT);
  const tail = last ? '' : text.slice(-CONTEXT);
  return `${head}…${tail}`;
}

/** The changed parts of a diff, a line per changed block, with deletions and insertions marked. */
export function diffLines(diff: ArticleDiff, out: Terminal): string[] {
  const lines: string[] = [];
  const render = (ops: DiffOps) =>
    ops
      .map((op, i) =>
        op.op === 'delete'
          ? out.deleted(op.text)
          : op.op === 'insert'
            ? out.inserted(op.text)
            : shortened(op.text, i === 0, i === ops.length - 1),
      )
      .join('');
  for (const field of ['headline', 'byline', 'dateline'] as const) {
    if (diff[field].some((op) => op.op !== 'equal')) lines.push(`${field}: ${render(diff[field])}`);
  }
  for (const block of diff.blocks) {
    if (block.change !== 'unchanged') lines.push(`${block.blockId} (${block.change}): ${render(block.ops)}`);
  }
  for (const category of diff.categories.added) lines.push(`category: ${out.inserted(category.label)}`);
  for (const category of diff.categories.removed) lines.push(`category: ${out.deleted(category.label)}`);
  return lines;
}
