/**
 * The terms of a headline search, as LIKE patterns' middles: split on white space, each with
 * LIKE's own characters (\, %, _) escaped so that `50%` finds "50%" and nothing else. The
 * database folds accents, quotes and case on both sides (headline_fold).
 */
export function headlineTerms(query: string): { all: string[]; longest: string } {
  const all = query
    .trim()
    .split(/\s+/u)
    .map((term) => term.replace(/[\\%_]/g, (c) => `\\${c}`));
  const longest = all.reduce((a, b) => ([...b].length > [...a].length ? b : a));
  return { all, longest };
}
