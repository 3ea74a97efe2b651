import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedDatabase } from '@newsroom/database';
import { MIN_SECRET_BYTES, type Settings } from './settings';

/** What the API runs against, once the database is reachable and the secret known. */
export interface Runtime {
  databaseUrl: string;
  jwtSecret: string;
  /** True when the embedded PostgreSQL and a generated secret are in use. */
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * Chooses the database and the signing secret. The embedded default needs no setup; a real
 * deployment (DATABASE_URL set) must bring its own secret, so tokens never silently change.
 */
export async function prepareRuntime(settings: Settings): Promise<Runtime> {
  if (settings.databaseUrl && !settings.jwtSecret) {
    throw new Error(
      'JWT_SECRET (or JWT_SECRETS) is required when DATABASE_URL is set (at least 32 bytes, e.g. `openssl rand -hex 32`).',
    );
  }
  const jwtSecret = settings.jwtSecret ?? generatedSecret(settings.dataDir);
  checkSecret(jwtSecret);
  return { ...(await resolveDatabase(settings)), jwtSecret };
}

/** DATABASE_URL when set, else the embedded cluster under the data directory (joined if already running). */
export async function resolveDatabase(settings: Settings): Promise<Omit<Runtime, 'jwtSecret'>> {
  if (settings.databaseUrl) return { databaseUrl: settings.databaseUrl, embedded: false, stop: async () => undefined };
  const database = await startEmbeddedDatabase(join(settings.dataDir, 'postgres'), 'newsroom');
  return { databaseUrl: database.url, embedded: true, stop: () => database.stop() };
}

export function checkSecret(secret: string): void {
  if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) {
    throw new Error(`JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes long.`);
  }
}

function generatedSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
