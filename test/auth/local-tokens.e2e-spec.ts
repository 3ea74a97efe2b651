import type { INestApplication } from '@nestjs/common';
import { SignJWT } from 'jose';
import request from 'supertest';
import { createApp } from '../../apps/newsroom-api/src/bootstrap';
import type { AppConfig } from '../../apps/newsroom-api/src/config/app-config';
import { loadIdentitySettings } from '../../apps/newsroom-api/src/config/identity-settings';
import { expectProblem } from '../support/articles-api';
import { createTestApp, TEST_SECRET, type TestApp } from '../support/test-app';

const key = new TextEncoder().encode(TEST_SECRET);
const now = () => Math.floor(Date.now() / 1000);
const local = (sub: string) => new SignJWT({ roles: ['editor'] }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub);

describe('local HS256 tokens: exp required, lifetime bounded, printable subjects', () => {
  let t: TestApp;
  const list = (token: string) => t.http().get('/articles').set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it.each([
    ['without exp', () => local('alice').setIssuedAt().sign(key), /no expiry \(exp\)/],
    ['living 100 years', () => local('alice').setIssuedAt().setExpirationTime('100y').sign(key), /longer than the 12 h allowed/],
    [
      'living 12 h and a minute',
      () =>
        local('alice')
          .setIssuedAt()
          .setExpirationTime(now() + 12 * 3600 + 60)
          .sign(key),
      /longer/,
    ],
    ['without iat, expiring in 13 h', () => local('alice').setExpirationTime('13h').sign(key), /longer/],
    [
      'issued in the future',
      () =>
        local('alice')
          .setIssuedAt(now() + 600)
          .setExpirationTime(now() + 1200)
          .sign(key),
      /future/,
    ],
    ['with a newline in sub', () => local('alice\nmallory').setIssuedAt().setExpirationTime('1h').sign(key), /control character/],
    ['with NUL in sub', () => local('alice\u0000').setIssuedAt().setExpirationTime('1h').sign(key), /control character/],
    [
      'with a bidi override in sub',
      () => local('alice\u202Eevil').setIssuedAt().setExpirationTime('1h').sign(key),
      /control character/,
    ],
    ['with DEL in sub', () => local('alice\u007F').setIssuedAt().setExpirationTime('1h').sign(key), /control character/],
    ['with a 201-character sub', () => local('a'.repeat(201)).setIssuedAt().setExpirationTime('1h').sign(key), /longer than 200/],
    ['with a blank sub', () => local('  ').setIssuedAt().setExpirationTime('1h').sign(key), /no subject/],
  ])('refuses a token %s: 401 invalid_token with the reason', async (_what, mint, reason) => {
    const res = await list(await mint());
    expectProblem(res, 401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="newsroom", error="invalid_token"');
    expect(res.body.detail).toMatch(reason);
  });

  it('accepts the longest allowed: 12 h, a 200-character sub, non-ASCII letters; and t.token()’s default', async () => {
    expect((await list(await local('é'.repeat(200)).setIssuedAt().setExpirationTime('12h').sign(key))).status).toBe(200);
    expect((await list(await local('Zoë Ødegård').setExpirationTime('11h').sign(key))).status).toBe(200);
    expect((await list(await t.token('alice', 'reporter'))).status).toBe(200);
  });

  it('challenges with the realm alone when no bearer token is sent', async () => {
    for (const header of [undefined, 'Basic YWxhZGRpbjpvcGVuc2VzYW1l']) {
      const req = t.http().get('/articles');
      const res = await (header ? req.set('Authorization', header) : req);
      expectProblem(res, 401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="newsroom"');
    }
    const empty = await t.http().get('/articles').set('Authorization', 'Bearer ');
    expect(empty.headers['www-authenticate']).toBe('Bearer realm="newsroom", error="invalid_token"');
  });
});

describe('TOKEN_MAX_LIFETIME', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ identity: loadIdentitySettings({ TOKEN_MAX_LIFETIME: '1h' }), localSignIn: true });
  });
  afterAll(() => t.close());

  it('bounds local tokens; the API’s own sign-in issues tokens within it', async () => {
    const twoHours = await local('alice').setIssuedAt().setExpirationTime('2h').sign(key);
    const res = await t.http().get('/articles').set('Authorization', `Bearer ${twoHours}`);
    expectProblem(res, 401);
    expect(res.body.detail).toMatch(/longer than the 1 h allowed/);
    const signIn = await t.http().post('/local-sign-in').send({ role: 'reporter' });
    expect(signIn.status).toBe(201);
    expect((await t.http().get('/articles').set('Authorization', `Bearer ${signIn.body.token}`)).status).toBe(200);
  });
});

const OLD = 'old-secret-that-is-at-least-32-bytes-long!!';
const NEW = 'new-secret-that-is-at-least-32-bytes-long!!';

describe('rotating the secret through JWT_SECRETS while requests are in flight', () => {
  let t: TestApp;
  const started: INestApplication[] = [];

  /** One more API process on the same database, configured from its environment as main.ts would. */
  async function apiWith(env: NodeJS.ProcessEnv): Promise<INestApplication> {
    const identity = loadIdentitySettings(env);
    const config: AppConfig = {
      databaseUrl: t.database.url,
      jwtSecret: env.JWT_SECRET ?? identity.jwtSecrets![0],
      corsOrigins: [],
      rateLimit: { perActorPerMinute: 0, perAddressPerMinute: 0 },
      logLevel: 'silent',
      runFollowers: false,
      localSignIn: true,
      identity,
    };
    const app = await createApp(config);
    started.push(app);
    return app;
  }

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await Promise.all(started.map((app) => app.close()));
    await t.close();
  });

  it('refuses none: old, verify-new, sign-new, each rolled out over the last', async () => {
    interface Instance {
      app: INestApplication;
      inFlight: number;
    }
    let pool: Instance[] = [{ app: await apiWith({ JWT_SECRET: OLD }), inFlight: 0 }];
    const tokens: string[] = [];
    const statuses: number[] = [];
    const refusals: string[] = [];
    const pick = () => pool[Math.floor(Math.random() * pool.length)];
    let running = true;

    /** Like a client behind a load balancer: signs in wherever it lands, uses its tokens wherever it lands. */
    const client = async () => {
      while (running) {
        const signer = pick();
        signer.inFlight++;
        const signIn = await request(signer.app.getHttpServer()).post('/local-sign-in').send({ role: 'reporter' });
        signer.inFlight--;
        if (signIn.status === 201) tokens.push(signIn.body.token as string);
        else refusals.push(`sign-in ${signIn.status}`);
        for (let i = 0; i < 5 && running; i++) {
          const token = tokens[Math.floor(Math.random() * tokens.length)];
          const target = pick();
          target.inFlight++;
          const res = await request(target.app.getHttpServer()).get('/articles').set('Authorization', `Bearer ${token}`);
          target.inFlight--;
          statuses.push(res.status);
          if (res.status !== 200) refusals.push(`${res.status} ${res.body.detail}`);
        }
      }
    };
    /** Rolls one instance out and the other in, without cutting a request in flight. */
    const rollOut = async (next: NodeJS.ProcessEnv) => {
      const old = pool;
      pool = [...pool, { app: await apiWith(next), inFlight: 0 }];
      await new Promise((resolve) => setTimeout(resolve, 300));
      pool = pool.filter((instance) => !old.includes(instance));
      while (old.some((instance) => instance.inFlight > 0)) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, 300));
    };

    const clients = Array.from({ length: 6 }, client);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await rollOut({ JWT_SECRET: OLD, JWT_SECRETS: `${OLD},${NEW}` }); // 1. the new secret verifies
    await rollOut({ JWT_SECRET: NEW, JWT_SECRETS: `${NEW},${OLD}` }); // 2. the new secret signs
    running = false;
    await Promise.all(clients);

    expect(refusals).toEqual([]);
    expect(statuses.length).toBeGreaterThan(100);

    // 3. Once the longest-lived old token has expired (TOKEN_MAX_LIFETIME), the old secret goes:
    const last = await apiWith({ JWT_SECRET: NEW });
    const oldToken = await local('alice').setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(OLD));
    expectProblem(await request(last.getHttpServer()).get('/articles').set('Authorization', `Bearer ${oldToken}`), 401);
    const newToken = await local('alice').setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(NEW));
    expect((await request(last.getHttpServer()).get('/articles').set('Authorization', `Bearer ${newToken}`)).status).toBe(200);
  });
});

describe('loadIdentitySettings: clear errors at start-up', () => {
  it.each([
    [{ OIDC_AUDIENCE: 'x' }, /OIDC_AUDIENCE set without OIDC_ISSUER/],
    [{ OIDC_ISSUER: 'https://id.example.com' }, /OIDC_AUDIENCE is required/],
    [{ OIDC_ISSUER: 'not a url', OIDC_AUDIENCE: 'a' }, /OIDC_ISSUER must be a URL/],
    [{ OIDC_ISSUER: 'http://id.example.com', OIDC_AUDIENCE: 'a' }, /must use https/],
    [{ OIDC_ISSUER: 'https://id.example.com', OIDC_AUDIENCE: 'a', OIDC_ROLE_MAP: 'staff=boss' }, /unknown role "boss"/],
    [{ OIDC_ISSUER: 'https://id.example.com', OIDC_AUDIENCE: 'a', OIDC_ROLE_MAP: 'editor' }, /group=role/],
    [{ OIDC_ISSUER: 'https://id.example.com', OIDC_AUDIENCE: 'a', OIDC_ROLES_CLAIM: 'realm_access..roles' }, /dotted path/],
    [{ JWT_SECRETS: `${NEW},short` }, /secret 2 is shorter than 32 bytes/],
    [{ JWT_SECRET: OLD, JWT_SECRETS: `${NEW},${OLD}` }, /JWT_SECRET must be the first of JWT_SECRETS/],
    [{ TOKEN_MAX_LIFETIME: 'forever' }, /TOKEN_MAX_LIFETIME must be a positive duration/],
    [{ TOKEN_MAX_LIFETIME: '0' }, /positive/],
    [{ TOKEN_MAX_LIFETIME: '365d' }, /at most 30d/],
  ])('%j', (env, message) => {
    expect(() => loadIdentitySettings(env)).toThrow(message);
  });

  it('reads a full configuration', () => {
    const identity = loadIdentitySettings({
      OIDC_ISSUER: 'https://sso.example.com/realms/newsroom',
      OIDC_AUDIENCE: 'newsroom-api',
      OIDC_ROLES_CLAIM: 'realm_access.roles',
      OIDC_ROLE_MAP: 'newsroom-editors=editor, newsroom-editors=auditor, newsroom-reporters=reporter',
      JWT_SECRETS: `${NEW}, ${OLD}`,
      TOKEN_MAX_LIFETIME: '90m',
    });
    expect(identity).toMatchObject({
      jwtSecrets: [NEW, OLD],
      tokenMaxLifetimeSeconds: 5400,
      oidc: { issuer: 'https://sso.example.com/realms/newsroom', audience: ['newsroom-api'], rolesClaim: 'realm_access.roles' },
    });
    expect([...identity.oidc!.roleMap]).toEqual([
      ['newsroom-editors', ['editor', 'auditor']],
      ['newsroom-reporters', ['reporter']],
    ]);
    expect(loadIdentitySettings({})).toEqual({ tokenMaxLifetimeSeconds: 43200, clockSkewSeconds: 30 });
  });
});
