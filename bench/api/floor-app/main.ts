import 'reflect-metadata';
import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Pool } from 'pg';
import { EventRowInserts } from './event-row-inserts';
import { FIXTURES_ENV, readFloorFixtures } from './floor-fixtures';
import { FLOOR_FIXTURES, FloorController } from './floor.controller';

/** As many connections as the API's pool holds by default (libs/database's data source options). */
const POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE ?? 20);

@Module({})
class FloorModule {
  static with(fixturesFile: string | undefined, pool: Pool): DynamicModule {
    const fixtures = readFloorFixtures(fixturesFile);
    return {
      module: FloorModule,
      controllers: [FloorController],
      providers: [
        { provide: FLOOR_FIXTURES, useValue: fixtures },
        { provide: EventRowInserts, useValue: new EventRowInserts(pool, fixtures.insert) },
        { provide: Pool, useValue: pool },
      ],
    };
  }
}

/**
 * The floor app, started by the benchmark like the API (bench/support/api-child.ts: same node,
 * flags and environment), on the same adapter with Nest's defaults and no logger at all.
 */
async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: POOL_SIZE });
  const app = await NestFactory.create<NestExpressApplication>(FloorModule.with(process.env[FIXTURES_ENV], pool), {
    logger: false,
  });
  // As the API sets them: with Express's default ETag every body would be hashed, which the API does not do.
  app.disable('x-powered-by');
  app.set('etag', false);
  await app.listen(Number(process.env.PORT ?? 0));
}

main().catch((error: unknown) => {
  process.stderr.write(`the floor app failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
