import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import {
  DEFAULT_CLOCK_SKEW_SECONDS,
  DEFAULT_TOKEN_MAX_LIFETIME,
  type IdentitySettings,
  lifetime,
  type OidcSettings,
} from '../config/identity-settings';
import { ProblemException } from '../http/problem';
import type { AuthenticatedActor } from './actor';
import { ProviderKeys, ProviderUnreachable } from './provider-keys';
import { checkLifetime, localRolesOf, mappedRolesOf, nameOf, subjectOf } from './token-claims';
import { invalidToken, tokenRequired } from './unauthorized';
import { VerifiedTokens } from './verified-tokens';

/** The provider's tokens are signed with one of these; HS256 (and none) never are. */
export const PROVIDER_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];

export interface VerifierOptions {
  /** Every secret that verifies local tokens (the first one is the one that signs). */
  secrets: string[];
  identity?: IdentitySettings;
}

/**
 * The actor id of a provider's token: `<sub>@<issuer without its scheme>`, e.g.
 * `248289761001@login.example.com/realms/newsroom`. The issuer's path is kept because one host
 * may serve several issuers (Keycloak realms, Okta authorization servers, Entra tenants); the
 * subject comes first and the issuer after its last `@`, so the pair reads back unambiguously. A
 * local token may not claim a subject ending in `@<issuer>` (it would pose as a provider's user).
 */
export function providerActorId(sub: string, issuer: string): string {
  return `${sub}@${issuerLabel(issuer)}`;
}

function issuerLabel(issuer: string): string {
  const url = new URL(issuer);
  return `${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * Checks bearer tokens. Two kinds are accepted:
 * - local HS256 tokens signed with one of the configured secrets (JWT_SECRET, or JWT_SECRETS
 *   during a rotation), with `sub`, optional `name` and `roles`;
 * - with an OpenID provider configured, its tokens for the configured audience, verified against
 *   its published keys (RS256, PS256, ES256 or EdDSA), roles mapped from the configured claim.
 * A token naming the provider as its issuer, or signed with anything but HS256, is the provider's:
 * an HS256 token cannot pass as the provider's (algorithm confusion), nor the other way round.
 * Both kinds must carry `exp` and live no longer than the maximum lifetime.
 */
export class TokenVerifier {
  private readonly keys: Uint8Array[];
  private readonly verified = new VerifiedTokens();
  private readonly maxLifetime: number;
  private readonly skew: number;
  private readonly oidc?: OidcSettings & { keys: ProviderKeys; label: string };

  constructor({ secrets, identity }: VerifierOptions) {
    if (secrets.length === 0) throw new Error('TokenVerifier needs at least one secret');
    this.keys = secrets.map((secret) => new TextEncoder().encode(secret));
    this.maxLifetime = identity?.tokenMaxLifetimeSeconds ?? lifetime(DEFAULT_TOKEN_MAX_LIFETIME, 'TOKEN_MAX_LIFETIME');
    this.skew = identity?.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
    const oidc = identity?.oidc;
    if (oidc) this.oidc = { ...oidc, keys: new ProviderKeys(oidc.issuer, oidc.jwks), label: issuerLabel(oidc.issuer) };
  }

  async verify(authorization: string | undefined): Promise<AuthenticatedActor> {
    // RFC 9110 §11.1: the scheme is case-insensitive ("bearer" is as good as "Bearer").
    const scheme = /^Bearer(?: +(.*))?$/i.exec(authorization ?? '');
    if (!scheme) {
      throw tokenRequired(authorization ? 'The Authorization header is not a bearer token.' : 'A bearer token is required.');
    }
    const token = /^[A-Za-z0-9_\-.]+$/.exec(scheme[1]?.trim() ?? '')?.[0];
    if (!token) throw invalidToken('The bearer token is empty or not a JWT.');
    const known = this.verified.find(token);
    if (known) return known;
    try {
      const { actor, payload, provider } = this.isProviders(token)
        ? await this.verifyProviders(token)
        : await this.verifyLocal(token);
      // A provider's token is remembered no longer than its keys: one the provider withdraws stops working then.
      this.verified.remember(token, actor, payload, provider ? this.oidc?.jwks.cacheMaxAgeMs : undefined);
      return actor;
    } catch (error) {
      if (error instanceof ProblemException) throw error;
      throw invalidToken(reasonOf(error));
    }
  }

  private isProviders(token: string): boolean {
    if (!this.oidc) return false;
    let alg: unknown;
    let iss: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
      iss = decodeJwt(token).iss;
    } catch {
      throw invalidToken('The token is malformed (not a JWT).');
    }
    return iss === this.oidc.issuer || alg !== 'HS256';
  }

  private async verifyLocal(token: string): Promise<Verified> {
    let payload: JWTPayload | undefined;
    for (const [index, key] of this.keys.entries()) {
      try {
        // Local tokens come from this deployment: exp is strict, as it always was here.
        ({ payload } = await jwtVerify(token, key, { algorithms: ['HS256'], requiredClaims: ['exp'] }));
        break;
      } catch (error) {
        // Signed with another secret of the rotation? Try the next one.
        if (error instanceof errors.JWSSignatureVerificationFailed && index < this.keys.length - 1) continue;
        throw error;
      }
    }
    if (!payload) throw invalidToken('The token’s signature does not verify.');
    checkLifetime(payload, this.maxLifetime, this.skew);
    const sub = subjectOf(payload);
    if (this.oidc && sub.endsWith(`@${this.oidc.label}`)) {
      throw invalidToken('A local token’s subject may not name the identity provider.');
    }
    return { actor: { id: sub, name: nameOf(payload), roles: localRolesOf(payload) }, payload, provider: false };
  }

  private async verifyProviders(token: string): Promise<Verified> {
    const oidc = this.oidc!;
    const { payload } = await jwtVerify(token, oidc.keys.getKey, {
      issuer: oidc.issuer,
      audience: oidc.audience,
      algorithms: PROVIDER_ALGORITHMS,
      clockTolerance: this.skew,
      requiredClaims: ['exp', 'sub'],
    });
    checkLifetime(payload, this.maxLifetime, this.skew);
    const sub = subjectOf(payload);
    const actor = {
      id: providerActorId(sub, oidc.issuer),
      name: nameOf(payload),
      roles: mappedRolesOf(payload, oidc.rolesClaim, oidc.roleMap),
    };
    return { actor, payload, provider: true };
  }
}

interface Verified {
  actor: AuthenticatedActor;
  payload: JWTPayload;
  provider: boolean;
}

/** What is wrong, in words; never the token, a key or a secret. */
function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'iss':
        return 'The token comes from another issuer (iss).';
      case 'aud':
        return 'The token was issued for another audience (aud).';
      case 'nbf':
        return 'The token is not valid yet (nbf).';
      case 'iat':
        return 'The token’s issue time (iat) is not valid.';
      case 'exp':
        return 'The token has no expiry (exp); every token must expire.';
      case 'sub':
        return 'The token has no subject (sub).';
      default:
        return `The token’s ${error.claim} claim is not valid.`;
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'The token is signed with an algorithm that is not accepted.';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The token’s signature does not verify.';
  if (error instanceof errors.JWKSNoMatchingKey)
    return 'The token names a signing key (kid) the identity provider does not publish.';
  if (error instanceof errors.JWKSMultipleMatchingKeys) return 'The token names no signing key (kid), and several could match.';
  if (error instanceof ProviderUnreachable)
    return 'The identity provider could not be reached to check the token; try again shortly.';
  if (error instanceof errors.JWTInvalid || error instanceof errors.JWSInvalid) return 'The token is malformed.';
  return 'The token is not valid.';
}
