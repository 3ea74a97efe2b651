/**
 * Signing in through the newsroom's OpenID provider: the authorization code flow with PKCE, as the
 * public client the API names in GET /sign-in-options (oauth4webapi does the protocol's checks).
 */
import type { operations } from '@newsroom/api-client';
import * as oauth from 'oauth4webapi';
import { rememberPending, type PendingSignIn } from './pending-sign-in';

export type SignInOptions = operations['signInOptions']['responses'][200]['content']['application/json'];
export type ProviderOptions = NonNullable<SignInOptions['provider']>;

export interface ProviderToken {
  accessToken: string;
  /** Seconds it lives, when the provider says (RFC 6749 only recommends it). */
  expiresIn?: number;
}

/** Where the provider sends the browser back: the desk itself, as registered at the provider. */
export function redirectUri(): string {
  return new URL(import.meta.env.BASE_URL, window.location.origin).href;
}

/** Sends the browser to the provider's sign-in page; the desk comes back to `returnTo` (a route). */
export async function goToProvider(provider: ProviderOptions, returnTo: string): Promise<void> {
  const server = await authorizationServer(provider);
  if (!server.authorization_endpoint) throw new Error(`${provider.issuer} names no authorization endpoint`);
  const pending: PendingSignIn = {
    state: oauth.generateRandomState(),
    codeVerifier: oauth.generateRandomCodeVerifier(),
    issuer: provider.issuer,
    returnTo,
  };
  const url = new URL(server.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: provider.clientId,
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope: provider.scope,
    state: pending.state,
    code_challenge: await oauth.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: 'S256',
    ...(provider.resource ? { resource: provider.resource } : {}),
  }).toString();
  rememberPending(sessionStorage, pending);
  window.location.assign(url.href);
}

/** The provider's answer (the desk's address as it came back): checks its state and redeems the code. */
export async function redeemAnswer(provider: ProviderOptions, pending: PendingSignIn, answer: URL): Promise<ProviderToken> {
  const server = await authorizationServer(provider);
  const client: oauth.Client = { client_id: provider.clientId };
  const parameters = oauth.validateAuthResponse(server, client, answer, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    server,
    client,
    oauth.None(),
    parameters,
    redirectUri(),
    pending.codeVerifier,
    {
      ...(provider.resource ? { additionalParameters: { resource: provider.resource } } : {}),
      [oauth.allowInsecureRequests]: insecure(provider),
    },
  );
  const tokens = await oauth.processAuthorizationCodeResponse(server, client, response);
  return { accessToken: tokens.access_token, expiresIn: tokens.expires_in };
}

async function authorizationServer(provider: ProviderOptions): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(provider.issuer);
  const response = await oauth.discoveryRequest(issuer, { algorithm: 'oidc', [oauth.allowInsecureRequests]: insecure(provider) });
  return oauth.processDiscoveryResponse(issuer, response);
}

/** The API accepts a plain-http issuer only on loopback (a provider under test): the desk follows it. */
function insecure(provider: ProviderOptions): boolean {
  return new URL(provider.issuer).protocol === 'http:';
}
