import { ProblemException } from '../../http/problem';
import type { IfMatch } from './command-envelope';

export function preconditionFailed(current: number | undefined, expected: number[]): ProblemException {
  const now = current === undefined ? 'has moved on' : `is at revision ${current}`;
  const named =
    expected.length === 0
      ? 'only weak tags, which never match (revisions are compared strongly)'
      : expected.map((r) => `"${r}"`).join(', ');
  return ProblemException.of(
    412,
    'PreconditionFailed',
    'Precondition failed',
    `The article ${now}; If-Match named ${named}. Nothing was changed.`,
    current === undefined ? {} : { currentRevision: current },
  );
}

/** Parses `If-Match: "4"`, `"4", "5"` or `*`; weak tags never match (strong comparison). */
export function parseIfMatch(header: string | undefined): IfMatch | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '*') return { any: true };
  const tags = value.split(',').map((tag) => tag.trim());
  if (tags.some((tag) => !/^(W\/)?"\d{1,10}"$/.test(tag))) {
    throw ProblemException.of(400, 'MalformedIfMatch', 'Bad request', 'If-Match must be "*" or quoted revisions such as "4".');
  }
  return { any: false, revisions: tags.filter((tag) => !tag.startsWith('W/')).map((tag) => Number(tag.slice(1, -1))) };
}
