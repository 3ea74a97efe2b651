import { ANSWER_SCHEMAS } from './answers';
import type { Operation } from './operation';
import { OPERATIONS } from './operations';
import type { Schema } from './schema-kit';

const DESCRIPTION = [
  'Every edit is a command that appends exactly one event; reads are projections of the event log.',
  'Errors are RFC 9457 problem+json. Commands answer with the article at its new revision and its ETag;',
  '`If-Match` makes a command conditional (412; a find-and-replace, headline or category edit made on an older revision',
  'merges when nothing it touches changed since, and says so with `Merged-From`), `Idempotency-Key` makes it safe to retry',
  '(the first answer is replayed with `Idempotent-Replayed: true`; another request under the same key gets 422).',
  'Keys are scoped per actor; only successful answers are kept (a refused command appended nothing and may be retried).',
  'A command that would change nothing (adding a category already there, removing one that is not,',
  'publishing a published article, setting the same headline) appends nothing and answers 200 with the article unchanged.',
  'A known path called with a method it does not take answers 405 with an `Allow` header (OPTIONS answers 204 with `Allow`).',
  'A request without a valid token gets 401 (and one without the role 403) before its body is read.',
  'Whole numbers in paths and queries are written in decimal digits (`1`, not `1.0` or `+1`).',
  'Every request and answer schema here is the one the server validates with: nothing else is refused with 400.',
].join(' ');

/** The OpenAPI 3.1 document, assembled from the same operations and schemas the server validates with. */
/** The bearer security scheme: the two kinds of token, the rules both follow, the refusals. */
const BEARER_DESCRIPTION = [
  'A JWT, of one of two kinds.',
  'Local tokens: HS256, signed with the server’s secret (JWT_SECRET, or any of JWT_SECRETS during a rotation; the first one signs), claims `sub`, `name?`, `roles[]` (reporter, editor, auditor, legal), `exp`, `iat`.',
  'Provider tokens, when OIDC_ISSUER is set: issued by that OpenID provider for OIDC_AUDIENCE, signed with one of the keys it publishes (RS256, PS256, ES256 or EdDSA; found through its discovery document), `iss`, `aud`, `exp`, `nbf` and `iat` checked with 30 s of clock skew; roles come from the claim named by OIDC_ROLES_CLAIM (e.g. `groups`, `realm_access.roles`) through OIDC_ROLE_MAP; the actor is recorded as `<sub>@<issuer host and path>`, with the token’s `name` as display name.',
  'Every token must carry `exp` and live no longer than TOKEN_MAX_LIFETIME (12 h by default); `sub` must be printable and at most 200 characters.',
  'A browser client (the desk) gets a provider token with the authorization code flow and PKCE, as `GET /sign-in-options` describes; `GET /me` says whom a token names and which roles it grants here.',
  'A refused token gets 401 with `WWW-Authenticate: Bearer realm="newsroom", error="invalid_token"` and a problem saying what is wrong; no token gets `Bearer realm="newsroom"`.',
].join(' ');

/** The scrape token of GET /metrics: not a JWT, and not the newsroom's tokens. */
const METRICS_TOKEN_DESCRIPTION =
  'The value of the server’s METRICS_TOKEN (at least 16 visible ASCII characters), sent as `Authorization: Bearer <token>`; compared in constant time. It opens GET /metrics only, and the newsroom’s JWTs do not open GET /metrics. Without METRICS_TOKEN there is no /metrics (404).';

export function openApiDocument(operations: readonly Operation[] = OPERATIONS): Schema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    paths[operation.path] = { ...paths[operation.path], [operation.method]: pathItemOperation(operation) };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Newsroom editing API', version: '1.0', description: DESCRIPTION },
    tags: [
      { name: 'commands', description: 'Each appends at most one event' },
      { name: 'reads', description: 'Projections of the event log' },
      { name: 'operations', description: 'For operators' },
    ],
    paths,
    components: {
      schemas: ANSWER_SCHEMAS,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: BEARER_DESCRIPTION },
        metricsToken: { type: 'http', scheme: 'bearer', description: METRICS_TOKEN_DESCRIPTION },
      },
    },
  };
}

function pathItemOperation(operation: Operation): Record<string, unknown> {
  const roles = Array.isArray(operation.access) ? ` Roles: ${operation.access.join(', ')}.` : '';
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description || roles ? { description: `${operation.description ?? ''}${roles}`.trim() } : {}),
    security: operation.security ?? (operation.access === 'public' ? [] : [{ bearer: [] }]),
    parameters: parametersOf(operation),
    ...(operation.body ? { requestBody: operation.body } : {}),
    responses: Object.fromEntries(Object.entries(operation.responses).map(([status, answer]) => [status, answer])),
  };
}

function parametersOf(operation: Operation): unknown[] {
  const path = Object.entries(operation.params ?? {}).map(([name, schema]) => ({ name, in: 'path', required: true, schema }));
  const required = new Set(operation.query?.required ?? []);
  const rule = operation.query?.rules?.description as string | undefined;
  const query = Object.entries(operation.query?.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: required.has(name),
    ...(rule ? { description: rule } : {}),
    schema,
  }));
  const headers = Object.entries(operation.headers ?? {}).map(([name, { schema, description }]) => ({
    name,
    in: 'header',
    required: false,
    description,
    schema,
  }));
  return [...path, ...query, ...headers];
}
