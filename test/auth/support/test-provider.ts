import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, type JWK } from 'jose';
import Provider, { type ClientMetadata } from 'oidc-provider';

/** The audience (resource indicator) the API's tokens are issued for. */
export const AUDIENCE = 'https://newsroom.test/api';

/** The provider's clients (client credentials), each with the groups its tokens carry. */
export const CLIENTS = {
  'desk-editor': { groups: ['newsroom-editors', 'all-staff'], name: 'Eddie Editor' },
  'desk-reporter': { groups: ['newsroom-reporters'], name: 'Rita Reporter' },
  'desk-auditor': { groups: ['newsroom-auditors'], name: 'Audrey Auditor' },
  'desk-visitor': { groups: ['all-staff', 'canteen'], name: 'Vic Visitor' },
} as const;
export type ClientId = keyof typeof CLIENTS;
const SECRET = 'client-secret-for-tests';

/** People who sign in at the provider's login page (its development pages take any password), each with their groups. */
export const PEOPLE = {
  anna: { groups: ['newsroom-editors', 'all-staff'], name: 'Anna Keller' },
  vic: { groups: ['all-staff'], name: 'Vic Visitor' },
} as const;
type Person = (typeof PEOPLE)[keyof typeof PEOPLE];

/** The desk's public client: authorization code with PKCE, no secret. */
export const DESK_CLIENT_ID = 'newsroom-desk';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  /** The public key as PEM, what an algorithm-confusion attack would use as an HMAC secret. */
  publicPem: string;
  jwk: JWK;
}

/** The algorithms the API accepts from a provider (identity settings' allow-list). */
export type ProviderAlgorithm = 'RS256' | 'PS256' | 'ES256' | 'EdDSA';

export async function signingKey(kid: string, alg: ProviderAlgorithm = 'RS256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid, alg, use: 'sig' };
  return { kid, privateKey, publicPem: await exportSPKI(publicKey), jwk };
}

/**
 * A real OpenID provider (oidc-provider, the certified implementation) on a loopback port in the
 * test process. Its client-credentials grant with a resource indicator yields JWT access tokens
 * for that audience, carrying `groups` and `name`; so does the desk's authorization code flow
 * once registerDesk() has registered it. rotate() replaces its signing key the way an
 * operator does (the new key signs, the old one stays published); stop() takes it off the network.
 */
export class TestProvider {
  issuer = '';
  keys: SigningKey[] = [];
  /** Seconds the next access tokens live (read as each is issued). */
  accessTokenTTL = 600;
  /** The algorithm the provider signs access tokens with; publish a key for it first (rotate). */
  accessTokenAlgorithm: ProviderAlgorithm = 'RS256';
  /** Leave `expires_in` out of token responses (RFC 6749 only recommends it): the client learns of expiry by a 401. */
  omitExpiresIn = false;
  private readonly deskRedirectUris: string[] = [];
  private provider?: Provider;
  private readonly server: Server;

  private constructor() {
    this.server = createServer((request: IncomingMessage, response: ServerResponse) => {
      if (!this.provider) {
        response.writeHead(503).end();
        return;
      }
      void this.provider.callback()(request, response);
    });
  }

  static async start(): Promise<TestProvider> {
    const provider = new TestProvider();
    await new Promise<void>((resolve) => provider.server.listen(0, '127.0.0.1', resolve));
    provider.issuer = `http://127.0.0.1:${(provider.server.address() as AddressInfo).port}`;
    provider.keys = [await signingKey('key-1')];
    provider.configure();
    return provider;
  }

  /** A new signing key; the previous ones stay published, as during a real rotation. */
  async rotate(kid: string, alg: ProviderAlgorithm = 'RS256'): Promise<SigningKey> {
    const key = await signingKey(kid, alg);
    this.keys = [key, ...this.keys];
    this.configure();
    return key;
  }

  /** An access token from the client-credentials grant for `resource` (the audience). */
  async token(client: ClientId, resource = AUDIENCE): Promise<string> {
    const response = await fetch(`${this.issuer}/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${client}:${SECRET}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', resource, scope: 'newsroom' }),
    });
    const body = (await response.json()) as { access_token?: string; error?: string; error_description?: string };
    if (!body.access_token) throw new Error(`the provider gave no token: ${body.error}: ${body.error_description}`);
    return body.access_token;
  }

  /**
   * Registers the desk as a public client coming back to `redirectUri` (each desk served by an
   * API under test adds its own), and turns on the provider's development login pages (any login
   * name is an account, see PEOPLE).
   */
  registerDesk(redirectUri: string): void {
    this.deskRedirectUris.push(redirectUri);
    this.configure();
  }

  /** Off the network: every open connection is cut, new ones are refused. */
  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private configure(): void {
    const desk: ClientMetadata[] =
      this.deskRedirectUris.length > 0
        ? [
            {
              client_id: DESK_CLIENT_ID,
              token_endpoint_auth_method: 'none',
              grant_types: ['authorization_code'],
              response_types: ['code'],
              redirect_uris: [...this.deskRedirectUris],
            },
          ]
        : [];
    const provider = new Provider(this.issuer, {
      clients: [
        ...Object.keys(CLIENTS).map((client_id) => ({
          client_id,
          client_secret: SECRET,
          grant_types: ['client_credentials'],
          redirect_uris: [],
          response_types: [],
        })),
        ...desk,
      ],
      jwks: { keys: this.keys.map((key) => key.jwk) },
      // Its session cookie is SameSite=None by default, which Chromium drops over plain http.
      cookies: { keys: ['cookie-key-for-tests'], long: { httpOnly: true, sameSite: 'lax' } },
      // Every lifetime set (the provider prints a notice for each one left to its default).
      ttl: {
        AccessToken: () => this.accessTokenTTL,
        ClientCredentials: () => this.accessTokenTTL,
        Interaction: 600,
        Session: 3600,
        Grant: 3600,
        IdToken: 600,
      },
      // oidc-provider refuses every cross-origin token request unless told: the desk's own origin may.
      clientBasedCORS: (_ctx, origin, client) => client.redirectUris?.some((uri) => new URL(uri).origin === origin) ?? false,
      findAccount: (_ctx, id) => ({
        accountId: id,
        claims: () => ({ sub: id, name: (PEOPLE as Record<string, Person>)[id]?.name }),
      }),
      features: {
        devInteractions: { enabled: desk.length > 0 },
        clientCredentials: { enabled: true },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => AUDIENCE,
          useGrantedResource: () => true,
          getResourceServerInfo: (_ctx, resourceIndicator) => ({
            scope: 'newsroom',
            audience: resourceIndicator,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: this.accessTokenAlgorithm } },
          }),
        },
      },
      extraTokenClaims: (_ctx, token) => {
        const { accountId, clientId } = token as { accountId?: string; clientId: string };
        const holder = accountId ? (PEOPLE as Record<string, Person>)[accountId] : CLIENTS[clientId as ClientId];
        return holder ? { groups: [...holder.groups], name: holder.name } : {};
      },
    });
    provider.use(async (ctx, next) => {
      await next();
      if (this.omitExpiresIn && ctx.path === '/token' && ctx.body && typeof ctx.body === 'object') {
        delete (ctx.body as { expires_in?: number }).expires_in;
      }
    });
    this.provider = provider;
  }
}
