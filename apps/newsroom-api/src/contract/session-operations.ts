import type { Operation } from './operation';
import { problems } from './problems';
import { nullable, object } from './schema-kit';

const ROLE = { type: 'string', enum: ['reporter', 'editor', 'auditor', 'legal'] };

const PROVIDER = object(
  {
    issuer: { type: 'string', description: 'OIDC_ISSUER: discovery at `<issuer>/.well-known/openid-configuration`' },
    name: { type: 'string', description: 'For the button: “Sign in with <name>”' },
    clientId: { type: 'string', description: 'The desk’s public client at the provider (no secret)' },
    scope: { type: 'string', description: 'The scopes to ask for, space-separated' },
    resource: { type: 'string', description: 'The resource indicator (RFC 8707) to send, when the provider needs one' },
  },
  ['issuer', 'name', 'clientId', 'scope'],
);

/**
 * How people sign in: the ways this server offers (public, asked before there is a token), who a
 * token says its bearer is, and the one-click sign-in where the API runs on the user's own machine.
 */
export const SESSION_OPERATIONS: Operation[] = [
  {
    operationId: 'signInOptions',
    method: 'get',
    path: '/sign-in-options',
    tag: 'operations',
    summary: 'The ways to sign in here: the newsroom’s identity provider, one click on this machine, a pasted token',
    description:
      'Public: a client (the desk) asks it before it holds a token. `provider` is set when the server is configured with OIDC_DESK_CLIENT_ID: sign in there with the authorization code flow and PKCE (S256) as the public client `clientId`, asking for `scope` and, when given, the resource indicator `resource` in both the authorization and the token request; the redirect URI registered at the provider is `<this server’s origin>/desk/`. Its access token is then sent here as a bearer token. `localSignIn` says whether POST /local-sign-in answers this caller (the embedded default, from this machine). A bearer token obtained elsewhere (`npm run token`, the provider) is always accepted: `pasteToken` is true.',
    access: 'public',
    responses: {
      200: {
        description: 'The ways offered to this caller',
        content: {
          'application/json': {
            schema: object(
              { provider: nullable(PROVIDER), localSignIn: { type: 'boolean' }, pasteToken: { type: 'boolean', const: true } },
              ['provider', 'localSignIn', 'pasteToken'],
            ),
            examples: {
              provider: {
                summary: 'A newsroom signing in with its Keycloak',
                value: {
                  provider: {
                    issuer: 'https://sso.example.com/realms/newsroom',
                    name: 'sso.example.com',
                    clientId: 'newsroom-desk',
                    scope: 'openid profile',
                    resource: 'https://newsroom.example.com/api',
                  },
                  localSignIn: false,
                  pasteToken: true,
                },
              },
              embedded: {
                summary: 'The embedded default, asked from this machine',
                value: { provider: null, localSignIn: true, pasteToken: true },
              },
            },
          },
        },
      },
      ...problems(429),
    },
  },
  {
    operationId: 'whoAmI',
    method: 'get',
    path: '/me',
    tag: 'operations',
    summary: 'Who the bearer token says you are, and the roles it grants here',
    description:
      'The actor id recorded on your changes, your display name (the token’s `name`), and your roles as this server reads them: a provider’s groups mapped through OIDC_ROLE_MAP. A client shows who is signed in and which controls apply from this answer, since a provider’s token does not name the API’s roles itself.',
    access: 'signed-in',
    responses: {
      200: {
        description: 'The caller',
        content: {
          'application/json': {
            schema: object(
              {
                actor: {
                  type: 'string',
                  description: 'As recorded in the history: the subject, and with a provider `subject@issuer`',
                },
                name: nullable({ type: 'string', description: 'The token’s `name` claim, or null when it has none' }),
                roles: { type: 'array', items: ROLE, description: 'Empty when the token grants none of the API’s roles' },
              },
              ['actor', 'name', 'roles'],
            ),
            examples: {
              provider: {
                summary: 'An editor signed in through the provider',
                value: {
                  actor: '248289761001@sso.example.com/realms/newsroom',
                  name: 'Anna Keller',
                  roles: ['editor'],
                },
              },
            },
          },
        },
      },
      ...problems(400, 401, 429, 503),
    },
  },
  {
    operationId: 'localSignIn',
    method: 'post',
    path: '/local-sign-in',
    tag: 'operations',
    summary: 'A token for one role, for the desk’s one-click sign-in on the embedded default',
    description:
      'Answers only when the API runs on its embedded PostgreSQL (no DATABASE_URL) and the request comes from this machine (loopback); everywhere else it is 404, as if it did not exist. The token lasts 12 hours.',
    access: 'public',
    body: {
      required: true,
      content: {
        'application/json': {
          schema: object({ role: ROLE }, ['role']),
          examples: { editor: { summary: 'Sign in as an editor', value: { role: 'editor' } } },
        },
      },
    },
    responses: {
      201: {
        description: 'A bearer token for the role',
        content: {
          'application/json': {
            schema: object(
              {
                token: { type: 'string', description: 'Send as Authorization: Bearer <token>' },
                sub: { type: 'string', example: 'local-editor' },
                name: { type: 'string', example: 'Local editor' },
                roles: { type: 'array', items: ROLE },
              },
              ['token', 'sub', 'name', 'roles'],
            ),
          },
        },
      },
      ...problems(400, 404, 413, 415, 429),
    },
  },
];
