import { LRUCache } from 'lru-cache';
import type { AuthenticatedActor } from './actor';

/** Enough for every editor of a large newsroom holding a few tokens each. */
const CAPACITY = 10_000;

/**
 * Tokens that passed verification, with the actor they name, until they expire. jose verifies
 * through WebCrypto, whose asynchronous jobs cost about a tenth of a command's CPU; a client
 * sends the same token with every request, so each is verified once. Only tokens that passed are
 * kept, so a forged one is checked every time; the secret is fixed for the process's life.
 */
export class VerifiedTokens {
  private readonly tokens = new LRUCache<string, AuthenticatedActor>({ max: CAPACITY });

  /** The actor of a token verified before, unless it has expired or is not valid yet. */
  find(token: string): AuthenticatedActor | undefined {
    return this.tokens.get(token);
  }

  /** Keeps a verified token for as long as its claims allow (its `exp`), and no earlier than its `nbf`. */
  remember(token: string, actor: AuthenticatedActor, claims: { exp?: number; nbf?: number }): void {
    // Frozen: every later request with this token shares the object.
    Object.freeze(actor.roles);
    Object.freeze(actor);
    const now = Date.now();
    if (claims.nbf !== undefined && claims.nbf * 1000 > now) return;
    if (claims.exp === undefined) {
      this.tokens.set(token, actor);
      return;
    }
    const ttl = claims.exp * 1000 - now;
    if (ttl > 0) this.tokens.set(token, actor, { ttl });
  }
}
