import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Role } from '@newsroom/articles';
import { ROLES } from '../apps/newsroom-api/src/auth/actor';
import { DEFAULT_TOKEN_LIFETIME, issueToken } from '../apps/newsroom-api/src/auth/token-issuer';
import { DEFAULT_TOKEN_MAX_LIFETIME, lifetime } from '../apps/newsroom-api/src/config/identity-settings';

const USAGE = `npm run token -- --sub alice --roles editor[,auditor] [--name "Alice"] [--expires ${DEFAULT_TOKEN_LIFETIME}]

Prints a local HS256 token signed with the secret that signs (the first of JWT_SECRETS, else
JWT_SECRET, else the embedded default's .data/jwt-secret). It expires after --expires (default
${DEFAULT_TOKEN_LIFETIME}, or TOKEN_MAX_LIFETIME when that is shorter): the API refuses tokens without exp
and tokens living longer than TOKEN_MAX_LIFETIME (default ${DEFAULT_TOKEN_MAX_LIFETIME}).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      roles: { type: 'string', default: 'editor' },
      name: { type: 'string' },
      expires: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.sub) throw new Error(`--sub is required\n\n${USAGE}`);
  const roles = values.roles.split(',').map((role) => role.trim());
  const unknown = roles.filter((role) => !ROLES.includes(role as Role));
  if (unknown.length > 0) throw new Error(`unknown roles: ${unknown.join(', ')} (known: ${ROLES.join(', ')})`);
  const max = lifetime(process.env.TOKEN_MAX_LIFETIME?.trim() || DEFAULT_TOKEN_MAX_LIFETIME, 'TOKEN_MAX_LIFETIME');
  const expires = values.expires ?? (max < lifetime(DEFAULT_TOKEN_LIFETIME, '--expires') ? `${max}s` : DEFAULT_TOKEN_LIFETIME);
  if (lifetime(expires, '--expires') > max) {
    throw new Error(`--expires ${expires} is longer than TOKEN_MAX_LIFETIME (${max} s): the API would refuse the token`);
  }
  const token = await issueToken(secret(), {
    sub: values.sub,
    name: values.name,
    roles: roles as Role[],
    expiresIn: expires,
  });
  process.stdout.write(`${token}\n`);
}

/** The secret that signs: the first of JWT_SECRETS, else JWT_SECRET, else the one the embedded default generated. */
function secret(): string {
  const first = process.env.JWT_SECRETS?.split(',')
    .map((s) => s.trim())
    .find(Boolean);
  if (first) return first;
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET;
  const file = join(process.env.DATA_DIR ?? '.data', 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  throw new Error('Set JWT_SECRET, or start the API once (npm start) so that it generates .data/jwt-secret');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
