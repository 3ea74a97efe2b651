import { SignJWT } from 'jose';
import type { Role } from '@newsroom/articles';

/** The lifetime of the tokens the API signs unless told otherwise: the default maximum (TOKEN_MAX_LIFETIME). */
export const DEFAULT_TOKEN_LIFETIME = '12h';

export interface TokenClaims {
  sub: string;
  name?: string;
  roles: Role[];
  /** Lifetime, e.g. '12h' (jose's time span syntax); tokens living longer than TOKEN_MAX_LIFETIME are refused. */
  expiresIn?: string;
}

/** Signs an HS256 token the API accepts (with iat and exp): for `npm run token`, the start-up banner and tests. */
export function issueToken(
  secret: string,
  { sub, name, roles, expiresIn = DEFAULT_TOKEN_LIFETIME }: TokenClaims,
): Promise<string> {
  const claims = name === undefined ? { roles } : { roles, name };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
