import { SignJWT } from 'jose';
import type { Role } from '@newsroom/articles';

export interface TokenClaims {
  sub: string;
  name?: string;
  roles: Role[];
  /** Lifetime, e.g. '12h' (jose's time span syntax). */
  expiresIn?: string;
}

/** Signs an HS256 token the API accepts: for `npm run token`, the start-up banner and tests. */
export function issueToken(secret: string, { sub, name, roles, expiresIn = '12h' }: TokenClaims): Promise<string> {
  const claims = name === undefined ? { roles } : { roles, name };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
