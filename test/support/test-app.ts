import type { INestApplication } from '@nestjs/common';
import { newsroomClient, type NewsroomClient } from '@newsroom/api-client';
import type { Role } from '@newsroom/articles';
import request from 'supertest';
import { createApp } from '../../apps/newsroom-api/src/bootstrap';
import type { AppConfig } from '../../apps/newsroom-api/src/config/app-config';
import { issueToken } from '../../apps/newsroom-api/src/auth/token-issuer';
import { recordExchange } from './contract/check-every-response';
import { EventLog } from './event-log';
import { createTestDatabase, type TestDatabase } from './test-database';

export const TEST_SECRET = 'test-secret-that-is-at-least-32-bytes-long!';

/** The whole HTTP application on a fresh database of its own, driven in-process by supertest. */
export interface TestApp {
  app: INestApplication;
  database: TestDatabase;
  /** The raw log behind the API's back, to prove what was (not) appended. */
  log: EventLog;
  http: () => ReturnType<typeof request>;
  /** The app's address on a real socket (it starts listening on first use), for browsers and fetch. */
  url(): Promise<string>;
  /** The typed client of libs/api-client, over a real socket, its answers checked like supertest's. */
  client(token?: string): Promise<NewsroomClient>;
  token(sub: string, ...roles: Role[]): Promise<string>;
  close(): Promise<void>;
}

export async function createTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const app = await createApp({
    databaseUrl: database.url,
    jwtSecret: TEST_SECRET,
    corsOrigins: [],
    rateLimit: { perActorPerMinute: 1_000_000, perAddressPerMinute: 1_000_000 },
    logLevel: 'silent',
    runFollowers: true,
    ...overrides,
  });
  const log = new EventLog(database.url);
  let listening: Promise<string> | undefined;
  const baseUrl = () => (listening ??= app.listen(0, '127.0.0.1').then(() => app.getUrl()));
  return {
    app,
    database,
    log,
    http: () => request(app.getHttpServer()),
    token: (sub, ...roles) => issueToken(TEST_SECRET, { sub, roles }),
    url: baseUrl,
    client: async (token) => newsroomClient(await baseUrl(), token, checkedFetch),
    close: async () => {
      await log.close();
      await app.close();
      await database.drop();
    },
  };
}

/** fetch, with each answer handed to the contract check of check-every-response. */
async function checkedFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const response = await fetch(request);
  const text = await response.clone().text();
  recordExchange(request.method, request.url, { status: response.status, headers: Object.fromEntries(response.headers), text });
  return response;
}
