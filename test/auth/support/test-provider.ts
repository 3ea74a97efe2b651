import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, type JWK } from 'jose';
import Provider from 'oidc-provider';

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

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  /** The public key as PEM, what an algorithm-confusion attack would use as an HMAC secret. */
  publicPem: string;
  jwk: JWK;
}

export async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicPem: await exportSPKI(publicKey), jwk };
}

/**
 * A real OpenID provider (oidc-provider, the certified implementation) on a loopback port in the
 * test process. Its client-credentials grant with a resource indicator yields JWT access tokens
 * for that audience, carrying `groups` and `name`. rotate() replaces its signing key the way an
 * operator does (the new key signs, the old one stays published); stop() takes it off the network.
 */
export class TestProvider {
  issuer = '';
  keys: SigningKey[] = [];
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
  async rotate(kid: string): Promise<SigningKey> {
    const key = await signingKey(kid);
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

  /** Off the network: every open connection is cut, new ones are refused. */
  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private configure(): void {
    this.provider = new Provider(this.issuer, {
      clients: Object.keys(CLIENTS).map((client_id) => ({
        client_id,
        client_secret: SECRET,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
      })),
      jwks: { keys: this.keys.map((key) => key.jwk) },
      cookies: { keys: ['cookie-key-for-tests'] },
      features: {
        devInteractions: { enabled: false },
        clientCredentials: { enabled: true },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => AUDIENCE,
          useGrantedResource: () => true,
          getResourceServerInfo: (_ctx, resourceIndicator) => ({
            scope: 'newsroom',
            audience: resourceIndicator,
            accessTokenTTL: 600,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          }),
        },
      },
      extraTokenClaims: (_ctx, token) => {
        const client = CLIENTS[(token as { clientId: ClientId }).clientId];
        return { groups: [...client.groups], name: client.name };
      },
    });
  }
}
