import { SignJWT } from 'jose';
import { TEST_SECRET } from '../support/test-app';

/** Tokens the API must accept: each gets past authentication with the roles it names. */
export const GOOD_TOKENS = {
  editor: ['editor'],
  reporter: ['reporter'],
  auditor: ['auditor'],
  legal: ['legal'],
  'no-roles': [],
  // Unknown role names are dropped, not an error: the token is valid with no rights.
  'unknown-role': ['admin', 'root'],
  'editor+auditor': ['editor', 'auditor'],
} as const satisfies Record<string, readonly string[]>;

export type GoodToken = keyof typeof GOOD_TOKENS;

/** Tokens the API must refuse with 401, each for a different reason. */
export const BAD_TOKENS = [
  'wrong-secret',
  'expired',
  'not-yet-valid',
  'alg-none',
  'hs512',
  'no-sub',
  'blank-sub',
  'roles-string',
  'roles-numbers',
  'name-number',
  'truncated-signature',
  'not-a-jwt',
] as const;

export type BadToken = (typeof BAD_TOKENS)[number];

const key = (secret: string) => new TextEncoder().encode(secret);
const now = () => Math.floor(Date.now() / 1000);
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function sign(claims: Record<string, unknown>, options: { sub?: string; alg?: string; secret?: string } = {}): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' }).setIssuedAt();
  if (options.sub !== undefined) jwt.setSubject(options.sub);
  return jwt.setExpirationTime('12h').sign(key(options.secret ?? TEST_SECRET));
}

/** Every token the fuzzer uses, by name, minted once against the test secret. */
export async function mintTokens(): Promise<Record<GoodToken | BadToken, string>> {
  const good = Object.fromEntries(
    await Promise.all(
      Object.entries(GOOD_TOKENS).map(async ([name, roles]) => [name, await sign({ roles }, { sub: `fuzz-${name}` })] as const),
    ),
  ) as Record<GoodToken, string>;
  const editor = good.editor;
  const bad: Record<BadToken, string> = {
    'wrong-secret': await sign({ roles: ['editor'] }, { sub: 'mallory', secret: 'y'.repeat(40) }),
    expired: await new SignJWT({ roles: ['editor'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('eddie')
      .setExpirationTime(now() - 60)
      .sign(key(TEST_SECRET)),
    'not-yet-valid': await new SignJWT({ roles: ['editor'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('eddie')
      .setNotBefore(now() + 3600)
      .setExpirationTime(now() + 7200)
      .sign(key(TEST_SECRET)),
    'alg-none': `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: 'mallory', roles: ['editor'], exp: now() + 3600 })}.`,
    hs512: await sign({ roles: ['editor'] }, { sub: 'eddie', alg: 'HS512' }),
    'no-sub': await sign({ roles: ['editor'] }),
    'blank-sub': await sign({ roles: ['editor'] }, { sub: '   ' }),
    'roles-string': await sign({ roles: 'editor' }, { sub: 'eddie' }),
    'roles-numbers': await sign({ roles: [1, 2] }, { sub: 'eddie' }),
    'name-number': await sign({ roles: ['editor'], name: 42 }, { sub: 'eddie' }),
    'truncated-signature': editor.slice(0, -6),
    'not-a-jwt': 'definitely.not.a-jwt',
  };
  return { ...good, ...bad };
}
