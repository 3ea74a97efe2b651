import { SignJWT, UnsecuredJWT } from 'jose';
import { checkSecret } from '../../apps/newsroom-api/src/config/runtime';
import { expectProblem } from '../support/articles-api';
import { createTestApp, TEST_SECRET, type TestApp } from '../support/test-app';

const key = new TextEncoder().encode(TEST_SECRET);
const now = () => Math.floor(Date.now() / 1000);

describe('bearer tokens', () => {
  let t: TestApp;
  const list = (token: string) => t.http().get('/articles').set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('accepts a well-formed HS256 token', async () => {
    expect((await list(await t.token('alice', 'reporter'))).status).toBe(200);
  });

  it('rejects alg none', async () => {
    const token = new UnsecuredJWT({ roles: ['editor'] }).setSubject('mallory').encode();
    expectProblem(await list(token), 401);
  });

  it('rejects an algorithm other than HS256, even signed with the same secret', async () => {
    const token = await new SignJWT({ roles: ['editor'] }).setProtectedHeader({ alg: 'HS512' }).setSubject('mallory').sign(key);
    expectProblem(await list(token), 401);
  });

  it('rejects expired and not-yet-valid tokens', async () => {
    const expired = await new SignJWT({ roles: ['editor'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('a')
      .setExpirationTime(now() - 10)
      .sign(key);
    expectProblem(await list(expired), 401);
    expect((await list(expired)).body.detail).toBe('The token has expired.');
    const early = await new SignJWT({ roles: ['editor'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('a')
      .setNotBefore(now() + 3600)
      .setExpirationTime('2h')
      .sign(key);
    expectProblem(await list(early), 401);
    expect((await list(early)).body.detail).toBe('The token is not valid yet (nbf).');
  });

  it('refuses a token that was accepted before, once it has expired (verified tokens are remembered only until exp)', async () => {
    const expiresAt = now() + 2;
    const shortLived = await new SignJWT({ roles: ['editor'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('a')
      .setExpirationTime(expiresAt)
      .sign(key);
    expect((await list(shortLived)).status).toBe(200);
    expect((await list(shortLived)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, expiresAt * 1000 - Date.now() + 50));
    const refused = await list(shortLived);
    expectProblem(refused, 401);
    expect(refused.body.detail).toBe('The token has expired.');
  });

  it('rejects tokens without sub or with roles of the wrong type', async () => {
    const noSub = await new SignJWT({ roles: ['editor'] }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(key);
    expectProblem(await list(noSub), 401);
    expect((await list(noSub)).body.detail).toBe('The token has no subject (sub).');
    for (const roles of ['editor', [1, 2], { editor: true }, null]) {
      const token = await new SignJWT({ roles })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('a')
        .setExpirationTime('1h')
        .sign(key);
      const res = await list(token);
      expectProblem(res, 401);
      expect(res.body.detail).toBe('The token’s roles must be an array of strings.');
    }
  });

  it('rejects garbage and non-bearer schemes (RFC 6750: invalid_token only when a bearer token was sent)', async () => {
    const basic = await t.http().get('/articles').set('Authorization', 'Basic YWxhZGRpbjpvcGVuc2VzYW1l');
    expectProblem(basic, 401);
    expect(basic.headers['www-authenticate']).toBe('Bearer realm="newsroom"');
    const garbage = await list('not.a.jwt');
    expectProblem(garbage, 401);
    expect(garbage.headers['www-authenticate']).toBe('Bearer realm="newsroom", error="invalid_token"');
  });

  it('rejects tokens without exp, living longer than the maximum, or with a control character in sub', async () => {
    const noExp = await new SignJWT({ roles: ['editor'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('a')
      .setIssuedAt()
      .sign(key);
    expect((await list(noExp)).body.detail).toBe('The token has no expiry (exp); every token must expire.');
    const century = await new SignJWT({ roles: ['editor'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('a')
      .setIssuedAt()
      .setExpirationTime('100y')
      .sign(key);
    expectProblem(await list(century), 401);
    const newline = await new SignJWT({ roles: ['editor'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice\nEditor-in-chief')
      .setExpirationTime('1h')
      .sign(key);
    expectProblem(await list(newline), 401);
  });

  it('refuses a secret shorter than 32 bytes at start-up', () => {
    expect(() => checkSecret('short')).toThrow(/at least 32 bytes/);
    expect(() => checkSecret('x'.repeat(32))).not.toThrow();
  });
});

describe('rate limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ rateLimit: { perActorPerMinute: 5, perAddressPerMinute: 1_000 } });
  });
  afterAll(() => t.close());

  it('answers 429 problem+json with Retry-After past the per-actor limit, per actor', async () => {
    const alice = await t.token('alice', 'reporter');
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await t.http().get('/articles').set('Authorization', `Bearer ${alice}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const limited = await t.http().get('/articles').set('Authorization', `Bearer ${alice}`);
    expectProblem(limited, 429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const bob = await t.token('bob', 'reporter');
    expect((await t.http().get('/articles').set('Authorization', `Bearer ${bob}`)).status).toBe(200);
  });
});

describe('rate limits per address', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ rateLimit: { perActorPerMinute: 1_000, perAddressPerMinute: 3 } });
  });
  afterAll(() => t.close());

  it('limits an address even when its tokens are bad', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await t.http().get('/articles').set('Authorization', 'Bearer nonsense')).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});

describe('a rate limit of 0', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ rateLimit: { perActorPerMinute: 0, perAddressPerMinute: 4 } });
  });
  afterAll(() => t.close());

  it('turns that limit off and leaves the other in force', async () => {
    const alice = await t.token('alice', 'reporter');
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await t.http().get('/articles').set('Authorization', `Bearer ${alice}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expect((await t.http().get('/articles').set('Authorization', `Bearer ${alice}`)).body.detail).toMatch(/per address/);
  });
});
