import { issueToken } from '../../apps/newsroom-api/src/auth/token-issuer';
import { loadIdentitySettings } from '../../apps/newsroom-api/src/config/identity-settings';
import { expectProblem } from '../support/articles-api';
import { createTestApp, TEST_SECRET, type TestApp } from '../support/test-app';
import { AUDIENCE, TestProvider } from './support/test-provider';

/** GET /sign-in-options tells the desk how to sign in before it holds a token; GET /me who a token's bearer is. */
describe('the ways to sign in, and who is signed in', () => {
  const apps: TestApp[] = [];
  let provider: TestProvider | undefined;
  const app = async (...args: Parameters<typeof createTestApp>) => {
    const t = await createTestApp(...args);
    apps.push(t);
    return t;
  };
  afterAll(async () => {
    await Promise.all(apps.map((t) => t.close()));
    await provider?.stop();
  });

  it('offers a pasted token only, on a server without a provider or the embedded default', async () => {
    const t = await app({ runFollowers: false });
    const res = await t.http().get('/sign-in-options');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ provider: null, localSignIn: false, pasteToken: true });
  });

  it('offers the one-click sign-in where POST /local-sign-in answers: the embedded default, from this machine', async () => {
    const t = await app({ runFollowers: false, localSignIn: true });
    expect((await t.http().get('/sign-in-options')).body).toEqual({ provider: null, localSignIn: true, pasteToken: true });
  });

  it('names the provider, the desk’s public client, its scope and resource, and lets the desk’s page reach the provider', async () => {
    const identity = loadIdentitySettings({
      OIDC_ISSUER: 'https://sso.example.com/realms/newsroom',
      OIDC_AUDIENCE: AUDIENCE,
      OIDC_DESK_CLIENT_ID: 'newsroom-desk',
    });
    const t = await app({ runFollowers: false, identity });
    expect((await t.http().get('/sign-in-options')).body).toEqual({
      provider: {
        issuer: 'https://sso.example.com/realms/newsroom',
        name: 'sso.example.com',
        clientId: 'newsroom-desk',
        scope: 'openid profile',
        resource: AUDIENCE,
      },
      localSignIn: false,
      pasteToken: true,
    });
    // The desk fetches the provider's discovery document and token endpoint from the browser.
    const csp = (await t.http().get('/sign-in-options')).headers['content-security-policy'];
    expect(csp).toContain("connect-src 'self' https://sso.example.com");
  });

  it('says who a local token’s bearer is; no token is a 401', async () => {
    const t = await app({ runFollowers: false });
    const named = await issueToken(TEST_SECRET, { sub: 'alice', name: 'Alice Adams', roles: ['reporter', 'auditor'] });
    expect((await t.http().get('/me').set('Authorization', `Bearer ${named}`)).body).toEqual({
      actor: 'alice',
      name: 'Alice Adams',
      roles: ['reporter', 'auditor'],
    });
    expect(
      (
        await t
          .http()
          .get('/me')
          .set('Authorization', `Bearer ${await t.token('bob')}`)
      ).body,
    ).toEqual({
      actor: 'bob',
      name: null,
      roles: [],
    });
    expectProblem(await t.http().get('/me'), 401);
  });

  it('says who a provider’s token’s bearer is, with the roles mapped from their groups', async () => {
    provider = await TestProvider.start();
    const identity = loadIdentitySettings({
      OIDC_ISSUER: provider.issuer,
      OIDC_AUDIENCE: AUDIENCE,
      OIDC_ROLES_CLAIM: 'groups',
      OIDC_ROLE_MAP: 'newsroom-editors=editor,all-staff=auditor',
    });
    const t = await app({ runFollowers: false, identity });
    const res = await t
      .http()
      .get('/me')
      .set('Authorization', `Bearer ${await provider.token('desk-editor')}`);
    expect(res.body).toEqual({
      actor: `desk-editor@${new URL(provider.issuer).host}`,
      name: 'Eddie Editor',
      roles: ['editor', 'auditor'],
    });
  });
});
