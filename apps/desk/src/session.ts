/** The bearer token lives in sessionStorage only (gone when the tab closes), never in localStorage or cookies. */
import { newsroomClient, type NewsroomClient } from '@newsroom/api-client';
import { identityOfToken, type Identity } from './roles';

const KEY = 'newsroom-desk-token';

export interface Session {
  token: string;
  identity: Identity;
  client: NewsroomClient;
}

/** The API's origin: the desk is served by the API at /desk/. */
export const apiBase = () => window.location.origin;

export function sessionOf(token: string): Session | undefined {
  const identity = identityOfToken(token);
  if (!identity) return undefined;
  return { token, identity, client: newsroomClient(apiBase(), token) };
}

export function loadSession(): Session | undefined {
  try {
    const token = sessionStorage.getItem(KEY);
    return token ? sessionOf(token) : undefined;
  } catch {
    return undefined;
  }
}

export function saveSession(session: Session | undefined): void {
  try {
    if (session) sessionStorage.setItem(KEY, session.token);
    else sessionStorage.removeItem(KEY);
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
