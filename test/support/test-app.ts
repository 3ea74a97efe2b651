import type { INestApplication } from '@nestjs/common';
import type { Role } from '@newsroom/articles';
import request from 'supertest';
import { createApp } from '../../apps/newsroom-api/src/bootstrap';
import type { AppConfig } from '../../apps/newsroom-api/src/config/app-config';
import { issueToken } from '../../apps/newsroom-api/src/auth/token-issuer';
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
  return {
    app,
    database,
    log,
    http: () => request(app.getHttpServer()),
    token: (sub, ...roles) => issueToken(TEST_SECRET, { sub, roles }),
    close: async () => {
      await log.close();
      await app.close();
      await database.drop();
    },
  };
}
