import { loadIdentitySettings } from './identity-settings';

const PROVIDER = { OIDC_ISSUER: 'https://sso.example.com/realms/newsroom', OIDC_AUDIENCE: 'https://newsroom.example.com/api' };
const desk = (env: NodeJS.ProcessEnv) => loadIdentitySettings({ ...PROVIDER, ...env }).oidc?.desk;

describe('the desk’s sign-in through the provider (OIDC_DESK_*)', () => {
  it('is off without OIDC_DESK_CLIENT_ID', () => {
    expect(desk({})).toBeUndefined();
  });

  it('defaults its scope, resource (the audience) and button name (the issuer’s host)', () => {
    expect(desk({ OIDC_DESK_CLIENT_ID: 'newsroom-desk' })).toEqual({
      clientId: 'newsroom-desk',
      scope: 'openid profile',
      resource: 'https://newsroom.example.com/api',
      providerName: 'sso.example.com',
    });
  });

  it('reads every setting', () => {
    expect(
      desk({
        OIDC_DESK_CLIENT_ID: ' 0f3c-desk ',
        OIDC_DESK_SCOPE: 'openid  profile api://newsroom/access',
        OIDC_DESK_RESOURCE: 'urn:newsroom:api',
        OIDC_DESK_PROVIDER_NAME: 'Contoso sign-in',
      }),
    ).toEqual({
      clientId: '0f3c-desk',
      scope: 'openid profile api://newsroom/access',
      resource: 'urn:newsroom:api',
      providerName: 'Contoso sign-in',
    });
  });

  it('sends no resource when told none, or when the audience is not an absolute URI (RFC 8707 needs one)', () => {
    expect(desk({ OIDC_DESK_CLIENT_ID: 'd', OIDC_DESK_RESOURCE: 'none' })?.resource).toBeUndefined();
    const keycloak = loadIdentitySettings({ ...PROVIDER, OIDC_AUDIENCE: 'newsroom-api', OIDC_DESK_CLIENT_ID: 'd' });
    expect(keycloak.oidc?.desk?.resource).toBeUndefined();
  });

  it.each([
    [{ OIDC_DESK_SCOPE: 'openid' }, /OIDC_DESK_SCOPE set without OIDC_DESK_CLIENT_ID/],
    [{ OIDC_DESK_CLIENT_ID: 'desk client' }, /OIDC_DESK_CLIENT_ID must be visible ASCII/],
    [{ OIDC_DESK_CLIENT_ID: 'd', OIDC_DESK_SCOPE: 'openid "profile"' }, /OIDC_DESK_SCOPE must be scopes/],
    [{ OIDC_DESK_CLIENT_ID: 'd', OIDC_DESK_RESOURCE: 'newsroom-api' }, /OIDC_DESK_RESOURCE must be an absolute URI/],
    [{ OIDC_DESK_CLIENT_ID: 'd', OIDC_DESK_RESOURCE: 'https://x.example/api#top' }, /without a fragment/],
    [{ OIDC_DESK_CLIENT_ID: 'd', OIDC_DESK_PROVIDER_NAME: 'x'.repeat(61) }, /at most 60 printable/],
  ])('refuses %j', (env, message) => {
    expect(() => desk(env)).toThrow(message);
  });

  it('needs OIDC_ISSUER', () => {
    expect(() => loadIdentitySettings({ OIDC_DESK_CLIENT_ID: 'newsroom-desk' })).toThrow(
      /OIDC_DESK_CLIENT_ID set without OIDC_ISSUER/,
    );
  });
});
