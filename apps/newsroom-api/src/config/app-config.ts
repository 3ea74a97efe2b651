import type { Settings } from './settings';

/** The resolved configuration the Nest application is built from. */
export interface AppConfig {
  databaseUrl: string;
  jwtSecret: string;
  corsOrigins: Settings['corsOrigins'];
  rateLimit: Settings['rateLimit'];
  logLevel: string;
  /** Where log lines go (stdout when unset); tests read them back. */
  logDestination?: NodeJS.WritableStream;
  /** Followers (corrections feed, listings) run in this process unless turned off (tests drive them). */
  runFollowers: boolean;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
