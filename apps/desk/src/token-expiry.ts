/**
 * When a provider's token is renewed. The desk holds it in memory only, so renewing is a trip
 * back through the provider (a quick redirect while the provider's own session lasts): it is
 * taken a little before the token ends, and at once when the API refuses the token anyway
 * (clocks disagree, or the provider did not say how long the token lives).
 */

/** Renew a fifth of the token's life before its end, and at most a minute before it. */
const MAX_MARGIN_MS = 60_000;
/** However short the token, no sooner than this: a token that lives for nothing must not make the desk loop. */
const MIN_DELAY_MS = 5_000;

/** Milliseconds from the token's arrival to the trip back through the provider. */
export function renewalDelayMs(expiresInSeconds: number): number {
  const lifetime = expiresInSeconds * 1000;
  const margin = Math.min(MAX_MARGIN_MS, lifetime / 5);
  return Math.max(MIN_DELAY_MS, Math.round(lifetime - margin));
}

/**
 * A 401 that refuses the token sent (RFC 6750 `error="invalid_token"`: expired, or no longer
 * trusted), as opposed to one for a request sent without a token.
 */
export function refusesToken(status: number, challenge: string | null): boolean {
  return status === 401 && challenge !== null && /(^|[\s,])error\s*=\s*("invalid_token"|invalid_token(?![\w-]))/i.test(challenge);
}
