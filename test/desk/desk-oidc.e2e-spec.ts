/// <reference lib="dom" />
/**
 * The desk signing in through the newsroom's OpenID provider (issue 19, item 4): a real
 * oidc-provider on loopback, the authorization code flow with PKCE from headless Chromium, the
 * token kept in memory only, and renewed by a trip through the provider before it ends or when
 * the API refuses it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadIdentitySettings } from '../../apps/newsroom-api/src/config/identity-settings';
import { AUDIENCE, DESK_CLIENT_ID, TestProvider } from '../auth/support/test-provider';
import { createTestApp, type TestApp } from '../support/test-app';
import { launchDeskBrowser, shoot } from './support/chromium';
import { savedNotice, select } from './support/story-page';

let provider: TestProvider;
let t: TestApp;
/** An API that expects another audience than the one the desk asks the provider for. */
let misconfigured: TestApp;
let browser: Browser;
let desk: string;
const contexts: BrowserContext[] = [];

/** An API trusting the provider under test, its desk registered there. */
async function apiWithDesk(env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const identity = loadIdentitySettings({
    OIDC_ISSUER: provider.issuer,
    OIDC_AUDIENCE: AUDIENCE,
    OIDC_ROLES_CLAIM: 'groups',
    OIDC_ROLE_MAP: 'newsroom-editors=editor',
    OIDC_DESK_CLIENT_ID: DESK_CLIENT_ID,
    OIDC_DESK_PROVIDER_NAME: 'Newsroom SSO',
    ...env,
  });
  // No clock skew: a token is refused the second it expires, so that a test need not wait 30 s more.
  const api = await createTestApp({ identity: { ...identity, clockSkewSeconds: 0 }, runFollowers: false });
  provider.registerDesk(`${await api.url()}/desk/`);
  return api;
}

beforeAll(async () => {
  browser = await launchDeskBrowser();
  provider = await TestProvider.start();
  t = await apiWithDesk();
  desk = `${await t.url()}/desk/`;
  misconfigured = await apiWithDesk({ OIDC_AUDIENCE: 'https://other.test/api', OIDC_DESK_RESOURCE: AUDIENCE });
}, 60_000);

afterEach(async () => {
  provider.accessTokenTTL = 600;
  provider.omitExpiresIn = false;
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
  await misconfigured?.close();
  await provider?.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  return context.newPage();
}

/** The next access token the provider hands the desk, read off the network as it passes. */
function nextToken(page: Page): Promise<string> {
  return page
    .waitForResponse((response) => response.url() === `${provider.issuer}/token` && response.request().method() === 'POST')
    .then(async (response) => ((await response.json()) as { access_token: string }).access_token);
}

/** Anna clicks "Sign in with …" on the desk `at`, logs in on the provider's page (any password) and agrees. */
async function logInAsAnna(page: Page, at = desk): Promise<string> {
  await page.goto(at);
  const token = nextToken(page);
  await page.getByRole('button', { name: 'Sign in with Newsroom SSO' }).click();
  await page.locator('input[name="login"]').fill('anna');
  await page.locator('input[name="password"]').fill('any password will do');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  return token;
}

/** …and is back on the desk, signed in. */
async function signInAsAnna(page: Page): Promise<string> {
  const token = await logInAsAnna(page);
  await page.getByRole('heading', { level: 1, name: 'Stories' }).waitFor();
  return token;
}

/** The trip through the provider that renews the token: no login page while its session lasts. */
async function renewedWithoutLogin(page: Page, renewal: () => Promise<unknown>): Promise<string> {
  const pages: string[] = [];
  page.on('framenavigated', (frame) => pages.push(frame.url()));
  const token = nextToken(page);
  const [authorization] = await Promise.all([
    page.waitForRequest((request) => request.url().startsWith(`${provider.issuer}/auth?`), { timeout: 20_000 }),
    renewal(),
  ]);
  expect(new URL(authorization.url()).searchParams.get('code_challenge_method')).toBe('S256');
  const renewed = await token;
  expect(pages.filter((url) => url.includes('/interaction/'))).toEqual([]);
  return renewed;
}

const who = (page: Page) => page.getByTestId('who').textContent();

describe('the desk with the newsroom’s identity provider', () => {
  it('signs an editor in through the provider, keeps the token in memory only, and lets her correct a story', async () => {
    const page = await newPage();
    await page.goto(desk);
    await page.getByRole('button', { name: 'Sign in with Newsroom SSO' }).waitFor();
    // No one-click sign-in where the API does not offer it; pasting a token stays possible.
    expect(await page.getByRole('button', { name: 'Sign in as editor' }).count()).toBe(0);
    await page.getByLabel('Access token').waitFor();
    await shoot(page, '08-sign-in-with-provider');

    const token = await signInAsAnna(page);
    // Her role comes from her groups at the provider, as the API maps them; her name from her token.
    expect(await who(page)).toBe('Anna Keller (editor)');
    // Back on the desk's own address: no code or state left in it.
    expect(new URL(page.url()).search).toBe('');

    await page.getByRole('button', { name: 'Import a story' }).click();
    await page.getByLabel('Story text').fill('Talks resume in Vienna\n\nNegotiators from the EU met again on Monday.');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('revision').filter({ hasText: 'revision 1' }).waitFor();
    await select(page, 'from the EU');
    await page.getByRole('button', { name: 'Correct this' }).click();
    await page.getByLabel('Replace with').fill('from Iran and the EU');
    await page.getByLabel('Reason (kept in the history)').fill('Both sides were there');
    await page.getByRole('button', { name: 'Save correction' }).click();
    await savedNotice(page).filter({ hasText: 'revision 2' }).waitFor();

    const storage = await page.evaluate(() => ({
      session: Object.entries(sessionStorage),
      local: Object.entries(localStorage),
    }));
    const payload = token.split('.')[1];
    for (const [key, value] of [...storage.session, ...storage.local]) {
      expect({ key, holdsToken: value.includes(token) || value.includes(payload) }).toEqual({ key, holdsToken: false });
    }
    // The state and code_verifier of the trip are gone too.
    expect(storage.session.map(([key]) => key)).not.toContain('newsroom-desk-pending-sign-in');
  });

  it('goes back through the provider shortly before the token ends, to the screen it was on', async () => {
    provider.accessTokenTTL = 8;
    const page = await newPage();
    await signInAsAnna(page);
    await page.getByRole('link', { name: 'Corrections' }).click();
    await page.getByRole('heading', { level: 1, name: 'Corrections' }).waitFor();

    // Renewed at four fifths of its 8 s life, before any request is refused.
    await renewedWithoutLogin(page, async () => undefined);
    await page.getByRole('heading', { level: 1, name: 'Corrections' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/corrections');
    expect(await who(page)).toBe('Anna Keller (editor)');
  });

  it('goes back through the provider when the API refuses an expired token', async () => {
    // A provider that does not say how long its tokens live: the desk learns of the expiry from a 401.
    provider.accessTokenTTL = 3;
    provider.omitExpiresIn = true;
    const page = await newPage();
    const token = await signInAsAnna(page);
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number };
    const expiresInMs = exp * 1000 - Date.now();
    expect(expiresInMs).toBeLessThan(3_000);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresInMs + 50)));

    const renewed = await renewedWithoutLogin(page, () => page.getByRole('link', { name: 'Corrections' }).click());
    expect(renewed).not.toBe(token);
    await page.getByRole('heading', { level: 1, name: 'Corrections' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/corrections');
    expect(await who(page)).toBe('Anna Keller (editor)');
  });

  it('says so, and does not go round again, when the API refuses the provider’s token', async () => {
    const page = await newPage();
    const trips: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(`${provider.issuer}/auth?`)) trips.push(request.url());
    });
    await logInAsAnna(page, `${await misconfigured.url()}/desk/`);
    const alert = page.getByRole('alert').filter({ hasText: 'did not accept its token' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      /^Newsroom SSO signed you in, but the newsroom server did not accept its token \(.*audience/,
    );
    await page.getByRole('button', { name: 'Sign in with Newsroom SSO' }).waitFor();
    expect(trips).toHaveLength(1);
  });
});
