import type { AppConfig } from '../config/app-config';
import { DEFAULT_TOKEN_MAX_LIFETIME, lifetime } from '../config/identity-settings';

/** The secret that signs local tokens: the first of JWT_SECRETS during a rotation, else JWT_SECRET. */
export function signingSecret(config: Pick<AppConfig, 'jwtSecret' | 'identity'>): string {
  return config.identity?.jwtSecrets?.[0] ?? config.jwtSecret;
}

/** Every secret that verifies local tokens. */
export function verifyingSecrets(config: Pick<AppConfig, 'jwtSecret' | 'identity'>): string[] {
  return config.identity?.jwtSecrets ?? [config.jwtSecret];
}

const DEFAULT_SECONDS = lifetime(DEFAULT_TOKEN_MAX_LIFETIME, 'TOKEN_MAX_LIFETIME');

/** The lifetime of the tokens this API signs: the default, or the maximum lifetime when that is shorter. */
export function localTokenLifetime(config: Pick<AppConfig, 'identity'>): string {
  const max = config.identity?.tokenMaxLifetimeSeconds;
  return max !== undefined && max < DEFAULT_SECONDS ? `${max}s` : DEFAULT_TOKEN_MAX_LIFETIME;
}
