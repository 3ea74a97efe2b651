import { errors, jwtVerify } from 'jose';
import type { Role } from '@newsroom/articles';
import { ProblemException } from '../http/problem';
import { type AuthenticatedActor, ROLES } from './actor';
import { VerifiedTokens } from './verified-tokens';

/** Checks HS256 bearer tokens against the server's secret; every other algorithm is refused. */
export class TokenVerifier {
  private readonly key: Uint8Array;
  private readonly verified = new VerifiedTokens();

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  async verify(authorization: string | undefined): Promise<AuthenticatedActor> {
    // RFC 9110 §11.1: the scheme is case-insensitive ("bearer" is as good as "Bearer").
    const token = /^Bearer ([A-Za-z0-9_\-.]+)$/i.exec(authorization ?? '')?.[1];
    if (!token)
      throw unauthorized(authorization ? 'The Authorization header is not a bearer token.' : 'A bearer token is required.');
    const known = this.verified.find(token);
    if (known) return known;
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'] });
      const { sub, name, roles } = payload as { sub?: unknown; name?: unknown; roles?: unknown };
      if (typeof sub !== 'string' || sub.trim() === '') throw unauthorized('The token has no subject (sub).');
      if (!Array.isArray(roles) || !roles.every((role) => typeof role === 'string')) {
        throw unauthorized('The token’s roles must be an array of strings.');
      }
      if (name !== undefined && typeof name !== 'string') throw unauthorized('The token’s name must be a string.');
      const actor = { id: sub, name, roles: roles.filter((role): role is Role => ROLES.includes(role as Role)) };
      this.verified.remember(token, actor, payload);
      return actor;
    } catch (error) {
      if (error instanceof ProblemException) throw error;
      throw unauthorized(reasonOf(error));
    }
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) return `The token is not valid: ${error.reason} (${error.claim}).`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'Only HS256 tokens are accepted.';
  return 'The token is not valid.';
}

function unauthorized(detail: string): ProblemException {
  return new ProblemException(
    { type: '/problems/unauthorized', title: 'Unauthorized', status: 401, detail },
    { 'WWW-Authenticate': 'Bearer realm="newsroom"' },
  );
}
