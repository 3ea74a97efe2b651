import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { ProcessGroup } from '../support/cpu-meter';
import { startFloor, type ApiOptions } from './api-process';
import { driveFixedRequest, type FixedRequest, type FixedRequestRun } from './drive-fixed-request';
import type { FloorFixtures } from './floor-app/floor-fixtures';
import { copyEventsTable, type EventPayload } from './raw-insert';
import { PhaseMeters, type PhaseUsage } from './run-meters';
import type { WalMeter } from './wal-meter';

/** Separate from the raw baseline's copy, so that neither phase inherits the other's rows. */
const TABLE = 'bench_floor_events';

export interface FloorPhase {
  run: FixedRequestRun;
  usage?: PhaseUsage;
}

export interface FloorRuns {
  /** GET of the fixed JSON: what a read costs Nest and Express alone. */
  bare: FloorPhase;
  /** GET reading the article's document with one SELECT by key: what a read costs them and pg alone. */
  select: FloorPhase;
  /** POST doing one INSERT of the command's event row: what a command costs them and pg alone. */
  insert: FloorPhase;
  /** Size of the document as JSON: the same as a read's answer. */
  documentBytes: number;
}

export interface FloorOptions {
  api: Pick<ApiOptions, 'databaseUrl' | 'jwtSecret' | 'logLevel'>;
  /** The JSON a read of a sample article answered, and that article's id. */
  document: unknown;
  articleId: string;
  /** The command's event row, as the raw baseline inserts it. */
  payload: EventPayload;
  /** Sent with each request, so that the floor receives the same bytes the API does (it ignores them). */
  headers: Record<string, string>;
  commandBody: string;
  connections: number;
  seconds: number;
  warmupRequests: number;
  wal: WalMeter;
  /** The benchmark's process groups; the floor app is metered as `floor`. */
  groups: Record<string, ProcessGroup>;
  log: (message: string) => void;
}

/**
 * The stack's floor, measured like the API: the floor app in a child process of its own, each
 * endpoint warmed up and then driven at the same connections for the same time, its CPU metered.
 */
export async function measureFloor(options: FloorOptions): Promise<FloorRuns> {
  const fixtures: FloorFixtures = {
    document: options.document,
    insert: await prepareTable(options),
    articleId: options.articleId,
  };
  const dir = mkdtempSync(join(tmpdir(), 'bench-api-floor-'));
  const fixturesFile = join(dir, 'fixtures.json');
  writeFileSync(fixturesFile, JSON.stringify(fixtures));
  const floor = await startFloor(options.api, fixturesFile);
  try {
    const groups = { ...options.groups, floor: { pid: floor.pid } };
    const phase = async (name: string, request: FixedRequest): Promise<FloorPhase> => {
      // V8 optimises the hot path before measuring, as the API's warm-up commands do for it.
      if (options.warmupRequests > 0) {
        await driveFixedRequest(floor.baseUrl, request, options.connections, { requests: options.warmupRequests });
      }
      options.log(`floor: ${name} for ${options.seconds} s at ${options.connections} connections`);
      const meters = new PhaseMeters(options.wal, groups);
      await meters.begin();
      const run = await driveFixedRequest(floor.baseUrl, request, options.connections, { seconds: options.seconds });
      await meters.end();
      return { run, usage: meters.usage };
    };
    const bare = await phase('bare endpoint (the read document)', {
      method: 'GET',
      path: '/floor/document',
      headers: options.headers,
    });
    const select = await phase('bare SELECT endpoint (the read document from the database)', {
      method: 'GET',
      path: '/floor/select',
      headers: options.headers,
    });
    const insert = await phase('bare INSERT endpoint', {
      method: 'POST',
      path: '/floor/insert',
      headers: { ...options.headers, 'content-type': 'application/json' },
      body: options.commandBody,
    });
    return { bare, select, insert, documentBytes: Buffer.byteLength(JSON.stringify(options.document)) };
  } finally {
    await floor.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function prepareTable(options: FloorOptions) {
  const client = new Client({ connectionString: options.api.databaseUrl });
  await client.connect();
  try {
    return await copyEventsTable(client, TABLE, options.payload);
  } finally {
    await client.end();
  }
}
