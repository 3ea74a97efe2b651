import {
  createLocalJWKSet,
  createRemoteJWKSet,
  type ExportedJWKSCache,
  type FlattenedJWSInput,
  type CompactJWSHeaderParameters,
  jwksCache,
  type JWTVerifyGetKey,
} from 'jose';
import type { JwksLimits } from '../config/identity-settings';

/** The provider could not be asked (down, slow, or answering nonsense): the token cannot be checked now. */
export class ProviderUnreachable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProviderUnreachable';
  }
}

/**
 * The OpenID provider's signing keys. Its discovery document
 * (`${issuer}/.well-known/openid-configuration`) names the key set (`jwks_uri`), which jose's
 * remote key set fetches, caches, refetches when a token names an unknown `kid` (at most once per
 * cooldown) and when older than the cache's maximum age, each fetch abandoned after the timeout.
 * The provider's key rotation is so picked up without a restart.
 *
 * When the provider cannot be reached, the keys fetched last keep verifying the tokens they
 * signed (a provider's outage does not sign the newsroom out); an unknown `kid` is then refused at
 * once. A failed discovery is retried at most once per cooldown.
 */
export class ProviderKeys {
  private keySet?: Promise<JWTVerifyGetKey>;
  private failedAt = -Infinity;
  private readonly cache = {} as ExportedJWKSCache;

  constructor(
    private readonly issuer: string,
    private readonly limits: JwksLimits,
  ) {}

  /** A key resolver for jwtVerify. */
  readonly getKey = async (header: CompactJWSHeaderParameters, token: FlattenedJWSInput) => {
    const keys = await this.discovered();
    try {
      return await keys(header, token);
    } catch (error) {
      // A refetch that failed (stale cache, or an unknown kid) falls back on the keys held.
      if (unreachable(error) && this.cache.jwks) return createLocalJWKSet(this.cache.jwks)(header, token);
      throw unreachable(error)
        ? new ProviderUnreachable('The identity provider’s keys could not be fetched.', { cause: error })
        : error;
    }
  };

  private discovered(): Promise<JWTVerifyGetKey> {
    if (!this.keySet) {
      if (Date.now() < this.failedAt + this.limits.cooldownMs) {
        return Promise.reject(new ProviderUnreachable('The identity provider could not be reached a moment ago.'));
      }
      this.keySet = this.discover().catch((error: unknown) => {
        this.keySet = undefined;
        this.failedAt = Date.now();
        throw error;
      });
    }
    return this.keySet;
  }

  private async discover(): Promise<JWTVerifyGetKey> {
    const url = `${this.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    let document: { issuer?: unknown; jwks_uri?: unknown };
    try {
      const response = await fetch(url, {
        headers: { accept: 'application/json' },
        redirect: 'error',
        signal: AbortSignal.timeout(this.limits.timeoutMs),
      });
      if (response.status !== 200) throw new Error(`status ${response.status}`);
      document = (await response.json()) as typeof document;
    } catch (error) {
      throw new ProviderUnreachable(`The identity provider’s discovery document could not be fetched from ${url}.`, {
        cause: error,
      });
    }
    // OpenID Connect Discovery §4.3: the issuer in the document is exactly the one configured.
    if (document.issuer !== this.issuer) {
      throw new ProviderUnreachable(`The discovery document at ${url} names another issuer: ${String(document.issuer)}.`);
    }
    if (typeof document.jwks_uri !== 'string' || !URL.canParse(document.jwks_uri)) {
      throw new ProviderUnreachable(`The discovery document at ${url} has no valid jwks_uri.`);
    }
    return createRemoteJWKSet(new URL(document.jwks_uri), {
      timeoutDuration: this.limits.timeoutMs,
      cooldownDuration: this.limits.cooldownMs,
      cacheMaxAge: this.limits.cacheMaxAgeMs,
      [jwksCache]: this.cache,
    });
  }
}

/** A fetch that failed (refused, timed out, not 200, not JSON), as opposed to a key that does not match. */
function unreachable(error: unknown): boolean {
  if (error instanceof ProviderUnreachable) return true;
  if (!(error instanceof Error)) return false;
  return (
    error.name === 'TypeError' ||
    (error as { code?: string }).code === 'ERR_JWKS_TIMEOUT' ||
    error.message.startsWith('Expected 200 OK') ||
    error.message.startsWith('Failed to parse the JSON Web Key Set')
  );
}
