/**
 * Why a sign-in through the provider did not work, in words. Pure (the errors are recognised by
 * oauth4webapi's codes, not its classes), so Jest tests every wording.
 */

interface Thrown {
  name?: string;
  code?: string;
  error?: string;
  error_description?: string;
  message?: string;
}

/** The provider's answer arrived in a tab that did not send the person there, or was used already. */
export const notStartedHere = (provider: string) =>
  `That sign-in through ${provider} did not start in this tab, or was already used. Sign in again.`;

/** The API refused the token the provider gave (configured for another audience, no longer valid, …). */
export const tokenRefused = (provider: string, detail?: string) =>
  `${provider} signed you in, but the newsroom server did not accept its token${detail ? ` (${detail})` : ''}. Ask your administrator to check the desk’s sign-in settings.`;

export const signedOutByExpiry = 'Your sign-in has expired. Sign in again.';

export function explainSignInFailure(thrown: unknown, provider: string): string {
  const error = (thrown ?? {}) as Thrown;
  const said = error.error_description ?? error.error;
  switch (error.code) {
    case 'OAUTH_AUTHORIZATION_RESPONSE_ERROR':
      return error.error === 'access_denied'
        ? `${provider} did not sign you in: you cancelled, or your account may not use the desk. Try again, or ask your administrator.`
        : `${provider} refused the sign-in (${said}). Try again, or ask your administrator.`;
    case 'OAUTH_RESPONSE_BODY_ERROR':
      return `${provider} would not complete the sign-in (${said}). Sign in again.`;
    case 'OAUTH_INVALID_RESPONSE':
      if (error.message?.includes('"state"')) return notStartedHere(provider);
  }
  // fetch rejects with a TypeError when the provider cannot be reached (or its CORS refuses the desk).
  if (error.name === 'TypeError') return `${provider} could not be reached. Check your connection and try again.`;
  return `Signing in through ${provider} failed (${error.message ?? String(thrown)}). Try again.`;
}

/** A pasted or stored token the API refused, with the API's reason (expired, badly signed, …). */
export function tokenNotAccepted(problem: unknown): string {
  const detail = (problem as { detail?: unknown } | undefined)?.detail;
  return `The newsroom server did not accept this token${typeof detail === 'string' ? `: ${detail}` : '.'}`;
}
