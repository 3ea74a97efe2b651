import type { ReplicaSettings } from '../replicas/replica-settings';
import type { IdentitySettings } from './identity-settings';
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
  /**
   * One-click sign-in for the desk (POST /local-sign-in), from loopback only: on for the embedded
   * default, where the API runs on the user's own machine; never with DATABASE_URL.
   */
  localSignIn?: boolean;
  /** The built desk served at /desk (default: dist/desk under the working directory). */
  deskDir?: string;
  /**
   * Secrets in rotation, the OpenID provider, token lifetimes (loadIdentitySettings()). Unset:
   * `jwtSecret` alone signs and verifies, no provider, tokens live at most 12 h.
   */
  identity?: IdentitySettings;
  /** GET /metrics answers to this bearer token; unset, the route is not mounted (404). */
  metricsToken?: string;
  /** DATABASE_REPLICA_URLS and its bounds; unset or no URLs: every query goes to the primary. */
  replicas?: ReplicaSettings;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
