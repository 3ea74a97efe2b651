/**
 * What the signed-in person may do, as the API's role table says (the API still enforces it: this
 * only hides the controls that would be refused).
 */
export type Role = 'reporter' | 'editor' | 'auditor';
export type Status = 'draft' | 'published' | 'withdrawn';
export type Action = 'create' | 'edit' | 'publish' | 'withdraw' | 'restore' | 'revert' | 'audit';

export interface Identity {
  sub: string;
  name?: string;
  roles: Role[];
}

const KNOWN: Role[] = ['reporter', 'editor', 'auditor'];

/** Reads sub, name and roles from a JWT's payload (not verified: the API verifies it). */
export function identityOfToken(token: string): Identity | undefined {
  const part = token.trim().split('.')[1];
  if (!part) return undefined;
  try {
    const json = atob(
      part
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(part.length / 4) * 4, '='),
    );
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    const payload = JSON.parse(new TextDecoder().decode(bytes)) as { sub?: unknown; name?: unknown; roles?: unknown };
    if (typeof payload.sub !== 'string') return undefined;
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is Role => KNOWN.includes(r as Role)) : [];
    return { sub: payload.sub, name: typeof payload.name === 'string' ? payload.name : undefined, roles };
  } catch {
    return undefined;
  }
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
      return editor || roles.includes('auditor');
  }
}

/** "editor", "reporter and auditor", or "no role". */
export function describeRoles(roles: readonly Role[]): string {
  if (roles.length === 0) return 'no role';
  return roles.length === 1 ? roles[0] : `${roles.slice(0, -1).join(', ')} and ${roles[roles.length - 1]}`;
}
