import type { ArticleContent, Block, Category } from './article';

/**
 * Content compared field by field, the way restore and revert see it: `headline`, `byline`,
 * `dateline`, `block:<id>` for each block, `category:<slug>` for each category.
 */
export type ContentField = string;

/** The fields whose values differ between two versions of the content. */
export function changedFields(before: ArticleContent, after: ArticleContent): Set<ContentField> {
  const changed = new Set<ContentField>();
  for (const field of ['headline', 'byline', 'dateline'] as const) {
    if (before[field] !== after[field]) changed.add(field);
  }
  keyedChanges(before.blocks, after.blocks, blockKey, sameBlock).forEach((key) => changed.add(key));
  keyedChanges(before.categories, after.categories, categoryKey, sameCategory).forEach((key) => changed.add(key));
  return changed;
}

/** Equal content, including the order of blocks and categories. */
export function sameContent(a: ArticleContent, b: ArticleContent): boolean {
  return (
    a.headline === b.headline &&
    a.byline === b.byline &&
    a.dateline === b.dateline &&
    sameList(a.blocks, b.blocks, sameBlock) &&
    sameList(a.categories, b.categories, sameCategory)
  );
}

export const blockKey = (block: Pick<Block, 'id'>): ContentField => `block:${block.id}`;
export const categoryKey = (category: Pick<Category, 'slug'>): ContentField => `category:${category.slug}`;

function sameBlock(a: Block, b: Block): boolean {
  return a.id === b.id && a.type === b.type && a.text === b.text;
}

function sameCategory(a: Category, b: Category): boolean {
  return a.slug === b.slug && a.label === b.label && (a.code ?? null) === (b.code ?? null);
}

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  return a.length === b.length && a.every((item, index) => same(item, b[index]));
}

function keyedChanges<T>(
  before: readonly T[],
  after: readonly T[],
  keyOf: (item: T) => ContentField,
  same: (x: T, y: T) => boolean,
): ContentField[] {
  const afterByKey = new Map(after.map((item) => [keyOf(item), item]));
  const beforeKeys = new Set(before.map(keyOf));
  const changedOrGone = before.filter((item) => {
    const now = afterByKey.get(keyOf(item));
    return now === undefined || !same(item, now);
  });
  const added = after.filter((item) => !beforeKeys.has(keyOf(item)));
  return [...changedOrGone, ...added].map(keyOf);
}
