/**
 * Who is signed in. A provider's token lives in memory only; a pasted or one-click token also in
 * sessionStorage (gone when the tab closes), so that a reload keeps it. Never localStorage or cookies.
 */
import { newsroomClient, type NewsroomClient } from '@newsroom/api-client';
import { ReadYourWrites } from './read-your-writes';
import type { Identity } from './roles';
import { refusesToken } from './token-expiry';
import { call } from './ui';

const TOKEN_KEY = 'newsroom-desk-token';
/** Set while this tab is signed in through the provider: a reload goes back through it (no token is kept). */
const PROVIDER_KEY = 'newsroom-desk-through-provider';

export type SignedInThrough = 'provider' | 'token';

export interface Session {
  token: string;
  identity: Identity;
  client: NewsroomClient;
  through: SignedInThrough;
}

/** The API's origin: the desk is served by the API at /desk/. */
export const apiBase = () => window.location.origin;

export type Opened = { ok: true; session: Session } | { ok: false; problem: unknown; status: number };

/**
 * Asks the API who the token's bearer is (GET /me): the roles come from there, since a provider's
 * token names its groups, not the API's roles. `onRefused` hears of every later answer that
 * refuses the token (it expired, or is no longer trusted).
 */
export async function openSession(token: string, through: SignedInThrough, onRefused: () => void): Promise<Opened> {
  const me = await call(newsroomClient(apiBase(), token).GET('/me'));
  if (!me.ok) return me;
  const identity: Identity = { actor: me.data.actor, name: me.data.name ?? undefined, roles: me.data.roles };
  // Each session reads its own writes: its reads carry the latest command's Consistency-Token.
  const client = newsroomClient(apiBase(), token, watching(onRefused, new ReadYourWrites().wrap(fetch)));
  return { ok: true, session: { token, identity, through, client } };
}

function watching(onRefused: () => void, fetchImpl: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    if (refusesToken(response.status, response.headers.get('WWW-Authenticate'))) onRefused();
    return response;
  };
}

export const storedToken = () => read(TOKEN_KEY);
export const storeToken = (token: string | undefined) => write(TOKEN_KEY, token);
export const throughProvider = () => read(PROVIDER_KEY) === 'yes';
export const markThroughProvider = (on: boolean) => write(PROVIDER_KEY, on ? 'yes' : undefined);

function read(key: string): string | undefined {
  try {
    return sessionStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

function write(key: string, value: string | undefined): void {
  try {
    if (value === undefined) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // Storage refused (private mode): the token stays in memory only.
  }
}

export function idempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Every command: If-Match with the revision shown, and a fresh Idempotency-Key per submit. */
export function commandHeaders(revision: number): { 'If-Match': string; 'Idempotency-Key': string } {
  return { 'If-Match': `"${revision}"`, 'Idempotency-Key': idempotencyKey() };
}
