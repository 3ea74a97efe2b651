import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Role } from '@newsroom/articles';
import { ROLES } from '../apps/newsroom-api/src/auth/actor';
import { issueToken } from '../apps/newsroom-api/src/auth/token-issuer';

/** `npm run token -- --sub alice --roles editor[,auditor] [--name "Alice"] [--expires 12h]` */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      roles: { type: 'string', default: 'editor' },
      name: { type: 'string' },
      expires: { type: 'string', default: '12h' },
    },
  });
  if (!values.sub) throw new Error('--sub is required');
  const roles = values.roles.split(',').map((role) => role.trim());
  const unknown = roles.filter((role) => !ROLES.includes(role as Role));
  if (unknown.length > 0) throw new Error(`unknown roles: ${unknown.join(', ')} (known: ${ROLES.join(', ')})`);
  const token = await issueToken(secret(), {
    sub: values.sub,
    name: values.name,
    roles: roles as Role[],
    expiresIn: values.expires,
  });
  process.stdout.write(`${token}\n`);
}

/** The configured secret, else the one the embedded default generated. */
function secret(): string {
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET;
  const file = join(process.env.DATA_DIR ?? '.data', 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  throw new Error('Set JWT_SECRET, or start the API once (npm start) so that it generates .data/jwt-secret');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
