import type { Operation } from './operation';
import { problems } from './problems';
import { object } from './schema-kit';

const ROLE = { type: 'string', enum: ['reporter', 'editor', 'auditor'] };

/** Signing in without an identity provider: only where the API runs on the user's own machine. */
export const SESSION_OPERATIONS: Operation[] = [
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
