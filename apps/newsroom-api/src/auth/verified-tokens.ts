import { LRUCache } from 'lru-cache';
import type { AuthenticatedActor } from './actor';

/** Enough for every editor of a large newsroom holding a few tokens each. */
const CAPACITY = 10_000;

/**
 * Tokens that passed verification, with the actor they name, until they expire. jose verifies
 * through WebCrypto, whose asynchronous jobs cost about a tenth of a command's CPU; a client
 * sends the same token with every request, so each is verified once. Only tokens that passed are
 * kept, so a forged one is checked every time.
 *
 * A remembered token cannot outlive the key that verified it in a harmful way: the local secrets
 * (JWT_SECRET, JWT_SECRETS) are fixed for the process's life, so a secret is withdrawn by
 * restarting with a new list, which starts with an empty cache; a provider's token is remembered
 * no longer than the provider's key set is cached (10 min by default), after which it is checked
 * against the keys the provider publishes then.
 */
export class VerifiedTokens {
  private readonly tokens = new LRUCache<string, AuthenticatedActor>({ max: CAPACITY });

  /** The actor of a token verified before, unless it has expired or is not valid yet. */
  find(token: string): AuthenticatedActor | undefined {
    return this.tokens.get(token);
  }

  /**
   * Keeps a verified token for as long as its claims allow (until its `exp`, and not before its
   * `nbf`), and at most `maxTtlMs` when given.
   */
  remember(token: string, actor: AuthenticatedActor, claims: { exp?: number; nbf?: number }, maxTtlMs?: number): void {
    // Frozen: every later request with this token shares the object.
    Object.freeze(actor.roles);
    Object.freeze(actor);
    const now = Date.now();
    // Every token has an exp now; one without is never remembered.
    if (claims.exp === undefined) return;
    if (claims.nbf !== undefined && claims.nbf * 1000 > now) return;
    const ttl = Math.min(claims.exp * 1000 - now, maxTtlMs ?? Infinity);
    if (ttl > 0) this.tokens.set(token, actor, { ttl });
  }
}
