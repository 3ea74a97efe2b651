import { type LogFormat, parseLogFormat } from '../logging/log-format';
import { parseRunProjectors } from './run-projectors';

/** Everything the API reads from its environment, checked once at start-up. */
export interface Settings {
  /** Unset: the embedded PostgreSQL under `dataDir` is used. */
  databaseUrl?: string;
  jwtSecret?: string;
  port: number;
  dataDir: string;
  corsOrigins: string[];
  rateLimit: { perActorPerMinute: number; perAddressPerMinute: number };
  logLevel: string;
  /** LOG_FORMAT: `json` or `pretty`; unset, readable lines on a terminal and JSON lines elsewhere. */
  logFormat?: LogFormat;
  /** METRICS_TOKEN: the bearer token GET /metrics asks for; unset, there is no /metrics. */
  metricsToken?: string;
  /** RUN_PROJECTORS: the API runs the projectors itself (default), or leaves them to `npm run projector`. */
  runProjectors: boolean;
}

export const MIN_SECRET_BYTES = 32;
/** A metrics token shorter than this is refused: it is all that stands between /metrics and anyone. */
export const MIN_METRICS_TOKEN_LENGTH = 16;

export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  return {
    databaseUrl: nonEmpty(env.DATABASE_URL),
    // The signing secret: JWT_SECRET, or during a rotation the first of JWT_SECRETS (identity-settings.ts).
    jwtSecret: nonEmpty(env.JWT_SECRET) ?? nonEmpty(env.JWT_SECRETS?.split(',')[0]?.trim()),
    port: integer(env.PORT, 3000, 'PORT'),
    dataDir: nonEmpty(env.DATA_DIR) ?? '.data',
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    rateLimit: {
      perActorPerMinute: integer(env.RATE_LIMIT_PER_ACTOR, 6000, 'RATE_LIMIT_PER_ACTOR'),
      perAddressPerMinute: integer(env.RATE_LIMIT_PER_ADDRESS, 12000, 'RATE_LIMIT_PER_ADDRESS'),
    },
    logLevel: env.LOG_LEVEL ?? 'info',
    logFormat: parseLogFormat(env.LOG_FORMAT),
    metricsToken: metricsToken(env.METRICS_TOKEN),
    runProjectors: parseRunProjectors(env.RUN_PROJECTORS),
  };
}

function metricsToken(value: string | undefined): string | undefined {
  const token = nonEmpty(value)?.trim();
  if (token === undefined) return undefined;
  if (token.length < MIN_METRICS_TOKEN_LENGTH || !/^[\x21-\x7e]+$/.test(token)) {
    throw new Error(
      `METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN_LENGTH} visible ASCII characters (e.g. \`openssl rand -hex 32\`)`,
    );
  }
  return token;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value : undefined;
}

function integer(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return parsed;
}
