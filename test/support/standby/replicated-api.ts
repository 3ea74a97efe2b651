import { runAdmin, runMigrations } from '@newsroom/database';
import { issueToken } from '../../../apps/newsroom-api/src/auth/token-issuer';
import { type ApiProcess, startApiProcess, stopApiProcess } from '../api-process';
import { TEST_SECRET } from '../test-app';
import { type StandbyPair, startStandbyPair } from './standby-pair';

const DATABASE = 'newsroom';

/** The API's own process on a primary of its own, with that primary's standby as its replica. */
export interface ReplicatedApi {
  pair: StandbyPair;
  api: ApiProcess;
  /** An editor's bearer token. */
  token: string;
  primaryUrl: string;
  standbyUrl: string;
  stop(): Promise<void>;
}

export async function startReplicatedApi(settings: { maxLagMs: number; waitMs: number }): Promise<ReplicatedApi> {
  const pair = await startStandbyPair();
  let api: ApiProcess | undefined;
  try {
    await runAdmin(pair.primaryUrl('postgres'), `CREATE DATABASE ${DATABASE}`);
    await runMigrations(pair.primaryUrl(DATABASE));
    await pair.caughtUp();
    api = await startApiProcess(pair.primaryUrl(DATABASE), {
      DATABASE_REPLICA_URLS: pair.standbyUrl(DATABASE),
      REPLICA_MAX_LAG_MS: String(settings.maxLagMs),
      REPLICA_WAIT_MS: String(settings.waitMs),
    });
  } catch (error) {
    await pair.destroy();
    throw error;
  }
  const started = api;
  return {
    pair,
    api: started,
    token: await issueToken(TEST_SECRET, { sub: 'eddie', roles: ['editor'] }),
    primaryUrl: pair.primaryUrl(DATABASE),
    standbyUrl: pair.standbyUrl(DATABASE),
    stop: async () => {
      await stopApiProcess(started);
      await pair.destroy();
    },
  };
}

export interface Answer {
  status: number;
  servedBy: string | null;
  token: string | null;
  body: Record<string, unknown>;
}

/** One request to the API process, with the editor's token; the answer's JSON and the two headers. */
export async function call(
  api: ReplicatedApi,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await fetch(`${api.api.baseUrl}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${api.token}`,
      ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    servedBy: response.headers.get('served-by'),
    token: response.headers.get('consistency-token'),
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}
