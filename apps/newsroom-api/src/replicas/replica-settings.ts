import { nonEmpty } from '../config/env-value';

/** DATABASE_REPLICA_URLS and its bounds, read once at start-up. */
export interface ReplicaSettings {
  /** Hot standbys of DATABASE_URL; empty: every query goes to the primary, as without them. */
  urls: string[];
  /** REPLICA_MAX_LAG_MS: how far behind the primary a read without a token may be. */
  maxLagMs: number;
  /** REPLICA_WAIT_MS: how long a read with a token waits for a replica to replay it before the primary serves it. */
  waitMs: number;
  /** How often each replica's replay position is probed. */
  probeMs: number;
}

export const REPLICA_DEFAULTS = { maxLagMs: 1000, waitMs: 250, probeMs: 100 };

export function loadReplicaSettings(env: NodeJS.ProcessEnv = process.env): ReplicaSettings {
  const urls = (nonEmpty(env.DATABASE_REPLICA_URLS) ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  for (const url of urls) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`DATABASE_REPLICA_URLS: "${url}" is not a postgres:// URL`);
  }
  return {
    urls,
    maxLagMs: milliseconds(env.REPLICA_MAX_LAG_MS, REPLICA_DEFAULTS.maxLagMs, 'REPLICA_MAX_LAG_MS'),
    waitMs: milliseconds(env.REPLICA_WAIT_MS, REPLICA_DEFAULTS.waitMs, 'REPLICA_WAIT_MS'),
    probeMs: REPLICA_DEFAULTS.probeMs,
  };
}

function milliseconds(value: string | undefined, fallback: number, name: string): number {
  const text = nonEmpty(value);
  if (text === undefined) return fallback;
  const parsed = Number(text);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 600_000) {
    throw new Error(`${name} must be a whole number of milliseconds from 0 to 600000, got "${text}"`);
  }
  return parsed;
}
