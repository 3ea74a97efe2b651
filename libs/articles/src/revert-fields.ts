import { type ArticleContent, contentOf } from './article';
import { blockKey, categoryKey, type ContentField } from './content';
import { revertConflict, type RevisionChange } from './revision-changes';

/**
 * Undoes a change field by field: whatever the target revision changed (headline, byline,
 * dateline, a block, a category) goes back to its value just before it, unless a later revision
 * changed that same field too, which is a conflict.
 */
export function revertFields(target: RevisionChange, later: readonly RevisionChange[], current: ArticleContent): ArticleContent {
  const { fields } = target;
  const conflicts = later
    .filter((change) => [...change.fields].some((field) => fields.has(field)))
    .map((change) => change.revision);
  if (conflicts.length > 0) throw revertConflict(target.revision, conflicts);
  return withFieldsFrom(current, target.before, fields);
}

function withFieldsFrom(current: ArticleContent, source: ArticleContent, fields: ReadonlySet<ContentField>): ArticleContent {
  const result = contentOf(current);
  for (const field of ['headline', 'byline', 'dateline'] as const) {
    if (fields.has(field)) result[field] = source[field];
  }
  result.blocks = mergeKeyed(result.blocks, source.blocks, fields, blockKey);
  result.categories = mergeKeyed(result.categories, source.categories, fields, categoryKey);
  return result;
}

/**
 * `current` with each listed item taken from `source`: replaced in place, dropped when `source`
 * lacks it, and appended (in `source` order) when only `source` has it. A category coming back
 * goes last, as if added again.
 */
function mergeKeyed<T>(
  current: readonly T[],
  source: readonly T[],
  fields: ReadonlySet<ContentField>,
  keyOf: (item: T) => ContentField,
): T[] {
  const sourceByKey = new Map(source.map((item) => [keyOf(item), item]));
  const kept = current.flatMap((item) => {
    if (!fields.has(keyOf(item))) return [item];
    const previous = sourceByKey.get(keyOf(item));
    return previous === undefined ? [] : [previous];
  });
  const keptKeys = new Set(kept.map(keyOf));
  return [...kept, ...source.filter((item) => fields.has(keyOf(item)) && !keptKeys.has(keyOf(item)))];
}
