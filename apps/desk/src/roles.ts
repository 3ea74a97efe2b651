/**
 * What the signed-in person may do, as the API's role table says (the API still enforces it: this
 * only hides the controls that would be refused).
 */
export type Role = 'reporter' | 'editor' | 'auditor' | 'legal';
export type Status = 'draft' | 'published' | 'withdrawn';
export type Action = 'create' | 'edit' | 'publish' | 'withdraw' | 'restore' | 'revert' | 'audit';

/** Who is signed in, as the API's GET /me says. */
export interface Identity {
  /** The id recorded on their changes. */
  actor: string;
  name?: string;
  roles: Role[];
}

export function can(roles: readonly Role[], action: Action, status?: Status): boolean {
  const editor = roles.includes('editor');
  const reporter = roles.includes('reporter');
  switch (action) {
    case 'create':
      return editor || reporter;
    case 'edit':
      return editor || (reporter && status !== 'published');
    case 'publish':
    case 'withdraw':
    case 'restore':
    case 'revert':
      return editor;
    case 'audit':
      return editor || roles.includes('auditor') || roles.includes('legal');
  }
}

/** "editor", "reporter and auditor", or "no role". */
export function describeRoles(roles: readonly Role[]): string {
  if (roles.length === 0) return 'no role';
  return roles.length === 1 ? roles[0] : `${roles.slice(0, -1).join(', ')} and ${roles[roles.length - 1]}`;
}
