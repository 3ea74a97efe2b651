/**
 * What a sign-in through the provider must remember across the trip there and back: the `state`
 * it must see again and the PKCE `code_verifier` that redeems the code. Both live in
 * sessionStorage (this tab only) for that trip and are forgotten as soon as the desk is back;
 * the access token itself is never stored.
 */
export interface PendingSignIn {
  state: string;
  codeVerifier: string;
  /** The provider it went to: an answer is only redeemed with the issuer that was asked. */
  issuer: string;
  /** The desk's route (its location hash) to show again once signed in. */
  returnTo: string;
}

const KEY = 'newsroom-desk-pending-sign-in';

export function rememberPending(storage: Storage, pending: PendingSignIn): void {
  storage.setItem(KEY, JSON.stringify(pending));
}

/** Reads the pending sign-in and forgets it: a code is redeemed once, and a reload must not try again. */
export function takePending(storage: Storage): PendingSignIn | undefined {
  const saved = storage.getItem(KEY);
  storage.removeItem(KEY);
  if (!saved) return undefined;
  try {
    const pending = JSON.parse(saved) as Partial<PendingSignIn>;
    const fields = [pending.state, pending.codeVerifier, pending.issuer, pending.returnTo];
    return fields.every((field) => typeof field === 'string') ? (pending as PendingSignIn) : undefined;
  } catch {
    return undefined;
  }
}

/** The provider's answer arrives as the desk's own address with `state` and a `code` or an `error`. */
export function isProviderAnswer(url: URL): boolean {
  const query = url.searchParams;
  return query.has('state') && (query.has('code') || query.has('error'));
}

/** A route to come back to: the desk's own hash routes only, never an address elsewhere. */
export function safeReturn(hash: string): string {
  return /^#\/[\w\-/?=&%.:]*$/.test(hash) ? hash : '#/stories';
}
