import { ProblemException } from '../http/problem';

/** The realm every challenge names (RFC 6750 §3). */
export const REALM = 'newsroom';

/** No bearer token was sent: the challenge names the scheme and realm only (RFC 6750 §3.1). */
export function tokenRequired(detail: string): ProblemException {
  return refusal(detail, `Bearer realm="${REALM}"`);
}

/**
 * A bearer token was sent but cannot be accepted (expired, badly signed, malformed, from another
 * issuer …): `error="invalid_token"`. The detail says what is wrong in words; it never echoes the
 * token, a key or a secret.
 */
export function invalidToken(detail: string): ProblemException {
  return refusal(detail, `Bearer realm="${REALM}", error="invalid_token"`);
}

function refusal(detail: string, challenge: string): ProblemException {
  return new ProblemException(
    { type: '/problems/unauthorized', title: 'Unauthorized', status: 401, detail },
    { 'WWW-Authenticate': challenge },
  );
}
