import { nonEmpty } from './env-value';

/** The settings of the desk's sign-in through the provider; each needs OIDC_DESK_CLIENT_ID, which needs OIDC_ISSUER. */
export const DESK_SETTING_NAMES = ['OIDC_DESK_CLIENT_ID', 'OIDC_DESK_SCOPE', 'OIDC_DESK_RESOURCE', 'OIDC_DESK_PROVIDER_NAME'];

export const DEFAULT_DESK_SCOPE = 'openid profile';

/**
 * How the desk signs people in through the newsroom's OpenID provider: the authorization code
 * flow with PKCE, as a public client (it runs in the browser, so it holds no secret), coming back
 * to `<the API's origin>/desk/`.
 */
export interface DeskSignInSettings {
  /** OIDC_DESK_CLIENT_ID: the desk's public client at the provider. */
  clientId: string;
  /** OIDC_DESK_SCOPE: the scopes asked for, space-separated (default `openid profile`). */
  scope: string;
  /**
   * OIDC_DESK_RESOURCE: the resource indicator (RFC 8707) that makes the provider issue the token
   * for the API. Default: the first OIDC_AUDIENCE when it is an absolute URI (as RFC 8707 needs);
   * `none` sends none (Microsoft Entra ID refuses the parameter: its scope names the API instead).
   */
  resource?: string;
  /** OIDC_DESK_PROVIDER_NAME: what the desk's button says ("Sign in with …"); default the issuer's host. */
  providerName: string;
}

/** Reads OIDC_DESK_*; undefined when the desk does not sign in through the provider. */
export function deskSignInSettings(
  env: NodeJS.ProcessEnv,
  issuer: string,
  audience: readonly string[],
): DeskSignInSettings | undefined {
  const clientId = nonEmpty(env.OIDC_DESK_CLIENT_ID);
  if (!clientId) {
    const others = DESK_SETTING_NAMES.filter((name) => nonEmpty(env[name]) !== undefined);
    if (others.length > 0) throw new Error(`${others.join(', ')} set without OIDC_DESK_CLIENT_ID: set it too, or unset them.`);
    return undefined;
  }
  if (!/^[\x21-\x7e]{1,200}$/.test(clientId)) {
    throw new Error(`OIDC_DESK_CLIENT_ID must be visible ASCII without spaces (at most 200 characters), got "${clientId}".`);
  }
  return {
    clientId,
    scope: scope(nonEmpty(env.OIDC_DESK_SCOPE) ?? DEFAULT_DESK_SCOPE),
    resource: resource(nonEmpty(env.OIDC_DESK_RESOURCE), audience[0]),
    providerName: providerName(nonEmpty(env.OIDC_DESK_PROVIDER_NAME), issuer),
  };
}

/** RFC 6749 §3.3: space-separated tokens of visible ASCII other than `"` and `\`. */
function scope(value: string): string {
  const tokens = value.split(/\s+/).filter(Boolean);
  if (tokens.some((token) => !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(token))) {
    throw new Error(`OIDC_DESK_SCOPE must be scopes separated by spaces, such as "openid profile", got "${value}".`);
  }
  return tokens.join(' ');
}

function resource(value: string | undefined, firstAudience: string | undefined): string | undefined {
  if (value === 'none') return undefined;
  if (value === undefined) return firstAudience !== undefined && absoluteUri(firstAudience) ? firstAudience : undefined;
  if (!absoluteUri(value)) {
    throw new Error(
      `OIDC_DESK_RESOURCE must be an absolute URI without a fragment (RFC 8707), such as https://newsroom.example.com/api, or none; got "${value}".`,
    );
  }
  return value;
}

function absoluteUri(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(value) && URL.canParse(value) && !value.includes('#');
}

function providerName(value: string | undefined, issuer: string): string {
  if (value === undefined) return new URL(issuer).host;
  if (value.length > 60 || /\p{Cc}/u.test(value)) {
    throw new Error(`OIDC_DESK_PROVIDER_NAME must be at most 60 printable characters, got "${value}".`);
  }
  return value;
}
