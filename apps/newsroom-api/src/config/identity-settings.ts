import type { Role } from '@newsroom/articles';
import { DESK_SETTING_NAMES, type DeskSignInSettings, deskSignInSettings } from './desk-sign-in-settings';
import { nonEmpty } from './env-value';
import { MIN_SECRET_BYTES } from './settings';

const ROLE_NAMES: readonly Role[] = ['reporter', 'editor', 'auditor', 'legal'];

/** Bounds on the OpenID provider's key set (jose's createRemoteJWKSet), in milliseconds. */
export interface JwksLimits {
  /** A key set or discovery request that takes longer is abandoned (the token gets 401). */
  timeoutMs: number;
  /** An unknown `kid` refetches the key set at most once per this period. */
  cooldownMs: number;
  /** Keys are refetched when older than this (a key the provider withdrew stops working then). */
  cacheMaxAgeMs: number;
}

export const DEFAULT_JWKS_LIMITS: JwksLimits = { timeoutMs: 1_000, cooldownMs: 30_000, cacheMaxAgeMs: 600_000 };

/** Tokens from the newsroom's OpenID provider. */
export interface OidcSettings {
  /** OIDC_ISSUER, exactly as the provider names itself in `iss` and in its discovery document. */
  issuer: string;
  /** OIDC_AUDIENCE (comma-separated for several): the `aud` the API's tokens are issued for. */
  audience: string[];
  /**
   * OIDC_ROLES_CLAIM: a claim name or a dotted path (`roles`, `groups`, `realm_access.roles`); a
   * claim whose own name contains dots (`https://example.com/roles`) is found under that name first.
   */
  rolesClaim: string;
  /** OIDC_ROLE_MAP: the provider's group or role name → the API's roles. Empty: role names map to themselves. */
  roleMap: ReadonlyMap<string, readonly Role[]>;
  jwks: JwksLimits;
  /** OIDC_DESK_*: the desk signs in through the provider; unset, it offers only the other ways. */
  desk?: DeskSignInSettings;
}

/** How callers prove who they are: local HS256 secrets, an OpenID provider, lifetimes. */
export interface IdentitySettings {
  /** JWT_SECRETS: the first signs, every one verifies. Unset: JWT_SECRET alone signs and verifies. */
  jwtSecrets?: string[];
  /** TOKEN_MAX_LIFETIME: no token may live longer (exp − iat, or exp − now without iat). */
  tokenMaxLifetimeSeconds: number;
  /** Tolerance for clocks that disagree (nbf, iat; and exp of the provider's tokens). */
  clockSkewSeconds: number;
  oidc?: OidcSettings;
}

export const DEFAULT_TOKEN_MAX_LIFETIME = '12h';
export const DEFAULT_CLOCK_SKEW_SECONDS = 30;
/** A "maximum" longer than this is a token that lives forever by another name. */
const LONGEST_LIFETIME_SECONDS = 30 * 24 * 3600;

/** Reads the identity settings from the environment; a setting that makes no sense stops the start with its name. */
export function loadIdentitySettings(env: NodeJS.ProcessEnv = process.env): IdentitySettings {
  const issuer = nonEmpty(env.OIDC_ISSUER);
  const others = ['OIDC_AUDIENCE', 'OIDC_ROLES_CLAIM', 'OIDC_ROLE_MAP', ...DESK_SETTING_NAMES].filter(
    (name) => nonEmpty(env[name]) !== undefined,
  );
  if (!issuer && others.length > 0)
    throw new Error(`${others.join(', ')} set without OIDC_ISSUER: set OIDC_ISSUER too, or unset them.`);
  return {
    jwtSecrets: jwtSecrets(env),
    tokenMaxLifetimeSeconds: lifetime(nonEmpty(env.TOKEN_MAX_LIFETIME) ?? DEFAULT_TOKEN_MAX_LIFETIME, 'TOKEN_MAX_LIFETIME'),
    clockSkewSeconds: DEFAULT_CLOCK_SKEW_SECONDS,
    oidc: issuer ? oidcSettings(issuer, env) : undefined,
  };
}

function oidcSettings(issuer: string, env: NodeJS.ProcessEnv): OidcSettings {
  checkIssuer(issuer);
  const audience = list(env.OIDC_AUDIENCE);
  if (audience.length === 0) {
    throw new Error('OIDC_AUDIENCE is required with OIDC_ISSUER: the audience (aud) your provider issues the API’s tokens for.');
  }
  const rolesClaim = nonEmpty(env.OIDC_ROLES_CLAIM)?.trim() ?? 'roles';
  if (rolesClaim.split('.').some((segment) => segment === '')) {
    throw new Error(`OIDC_ROLES_CLAIM must be a claim name or a dotted path such as realm_access.roles, got "${rolesClaim}".`);
  }
  return {
    issuer,
    audience,
    rolesClaim,
    roleMap: roleMap(env.OIDC_ROLE_MAP),
    jwks: DEFAULT_JWKS_LIMITS,
    desk: deskSignInSettings(env, issuer, audience),
  };
}

/** HTTPS, or plain HTTP on this machine only (a provider under test). */
function checkIssuer(issuer: string): void {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new Error(`OIDC_ISSUER must be a URL such as https://login.example.com/realms/newsroom, got "${issuer}".`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error(`OIDC_ISSUER must use https (plain http only for localhost), got "${issuer}".`);
  }
  if (url.search || url.hash) throw new Error(`OIDC_ISSUER must have no query or fragment, got "${issuer}".`);
}

/** `newsroom-editors=editor,newsroom-reporters=reporter`: a group may appear twice to get two roles. */
export function roleMap(value: string | undefined): ReadonlyMap<string, readonly Role[]> {
  const map = new Map<string, Role[]>();
  for (const entry of list(value)) {
    const at = entry.lastIndexOf('=');
    const group = entry.slice(0, at).trim();
    const role = entry.slice(at + 1).trim();
    if (at <= 0 || group === '') throw new Error(`OIDC_ROLE_MAP entries are group=role, got "${entry}".`);
    if (!ROLE_NAMES.includes(role as Role)) {
      throw new Error(`OIDC_ROLE_MAP maps "${group}" to an unknown role "${role}" (known: ${ROLE_NAMES.join(', ')}).`);
    }
    map.set(group, [...new Set([...(map.get(group) ?? []), role as Role])]);
  }
  return map;
}

function jwtSecrets(env: NodeJS.ProcessEnv): string[] | undefined {
  const secrets = list(env.JWT_SECRETS);
  if (secrets.length === 0) return undefined;
  secrets.forEach((secret, index) => {
    if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) {
      throw new Error(`JWT_SECRETS: secret ${index + 1} is shorter than ${MIN_SECRET_BYTES} bytes.`);
    }
  });
  const single = nonEmpty(env.JWT_SECRET);
  if (single !== undefined && single !== secrets[0]) {
    throw new Error(
      'JWT_SECRET and JWT_SECRETS disagree: with both set, JWT_SECRET must be the first of JWT_SECRETS (the one that signs).',
    );
  }
  return secrets;
}

/** `12h`, `90m`, `3600s`, `1d`, or plain seconds. */
export function lifetime(value: string, name: string): number {
  const match = /^(\d+)\s*([smhd]?)$/.exec(value.trim());
  const seconds = match
    ? Number(match[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd']
    : NaN;
  if (!Number.isSafeInteger(seconds) || seconds <= 0) {
    throw new Error(`${name} must be a positive duration such as 12h, 90m or 3600s, got "${value}".`);
  }
  if (seconds > LONGEST_LIFETIME_SECONDS) throw new Error(`${name} must be at most 30d, got "${value}".`);
  return seconds;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
