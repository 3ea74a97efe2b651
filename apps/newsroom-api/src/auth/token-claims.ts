import type { Role } from '@newsroom/articles';
import { ROLES } from './actor';
import { invalidToken } from './unauthorized';

export const MAX_SUBJECT_LENGTH = 200;
export const MAX_NAME_LENGTH = 200;

/** Control, format and separator characters (newlines, NUL, bidi overrides, lone surrogates …). */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

/** The subject: a printable, non-blank string of at most 200 characters. */
export function subjectOf(payload: Record<string, unknown>): string {
  const { sub } = payload;
  if (typeof sub !== 'string' || sub.trim() === '') throw invalidToken('The token has no subject (sub).');
  if (UNPRINTABLE.test(sub)) throw invalidToken('The token’s subject (sub) contains a control character.');
  if ([...sub].length > MAX_SUBJECT_LENGTH) {
    throw invalidToken(`The token’s subject (sub) is longer than ${MAX_SUBJECT_LENGTH} characters.`);
  }
  return sub;
}

/** The display name, when the token has one: printable, at most 200 characters. */
export function nameOf(payload: Record<string, unknown>): string | undefined {
  const { name } = payload;
  if (name === undefined) return undefined;
  if (typeof name !== 'string') throw invalidToken('The token’s name must be a string.');
  if (UNPRINTABLE.test(name)) throw invalidToken('The token’s name contains a control character.');
  if ([...name].length > MAX_NAME_LENGTH) throw invalidToken(`The token’s name is longer than ${MAX_NAME_LENGTH} characters.`);
  return name;
}

/**
 * Every token carries `exp` (the verifier requires it) and lives no longer than the configured
 * maximum: exp − iat, or exp − now for a token without iat. An iat in the future (beyond the
 * clock skew) is refused too.
 */
export function checkLifetime(
  payload: { exp?: number; iat?: number },
  maxLifetimeSeconds: number,
  clockSkewSeconds: number,
  now = Math.floor(Date.now() / 1000),
): void {
  const { exp, iat } = payload;
  if (typeof exp !== 'number') throw invalidToken('The token has no expiry (exp); every token must expire.');
  if (iat !== undefined && iat > now + clockSkewSeconds) throw invalidToken('The token was issued in the future (iat).');
  const lifetime = exp - (iat ?? now);
  if (lifetime > maxLifetimeSeconds) {
    throw invalidToken(`The token lives longer than the ${duration(maxLifetimeSeconds)} allowed (from iat to exp).`);
  }
}

/** Only the API's own role names count in a local token's `roles`; others are ignored. */
export function localRolesOf(payload: Record<string, unknown>): Role[] {
  const { roles } = payload;
  if (!Array.isArray(roles) || !roles.every((role) => typeof role === 'string')) {
    throw invalidToken('The token’s roles must be an array of strings.');
  }
  return roles.filter((role): role is Role => ROLES.includes(role as Role));
}

/**
 * The provider's groups (or roles) at the configured claim path, through the mapping. A claim
 * whose own name contains dots (Auth0's `https://example.com/roles`) is looked up whole first. The
 * claim may be an array of strings or one string; anything else, and unknown groups, give no role.
 */
export function mappedRolesOf(
  payload: Record<string, unknown>,
  claimPath: string,
  roleMap: ReadonlyMap<string, readonly Role[]>,
): Role[] {
  const value = Object.prototype.hasOwnProperty.call(payload, claimPath)
    ? payload[claimPath]
    : walk(payload, claimPath.split('.'));
  const groups = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
  const roles = new Set<Role>();
  for (const group of groups as string[]) {
    const mapped = roleMap.size > 0 ? roleMap.get(group) : ROLES.includes(group as Role) ? [group as Role] : undefined;
    for (const role of mapped ?? []) roles.add(role);
  }
  return ROLES.filter((role) => roles.has(role));
}

function walk(value: unknown, path: string[]): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function duration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
