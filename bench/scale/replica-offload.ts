import { Pool } from 'pg';
import { runAdmin, runMigrations } from '@newsroom/database';
import { issueToken } from '../../apps/newsroom-api/src/auth/token-issuer';
import { type StandbyPair, startStandbyPair } from '../../test/support/standby/standby-pair';
import { startApi } from '../projections/api-server';

/** One read load's offload: how many of its read-model queries each server ran, and who answered. */
export interface OffloadRun {
  load: string;
  reads: number;
  primaryQueries: number;
  replicaQueries: number;
  /** Of the read-model queries, the share the primary still ran. */
  primaryShare: number;
  servedBy: Record<string, number>;
}

const ARTICLES = 50;
const CONCURRENCY = 8;
/** The statements a GET /articles/{id} (current or ?revision=) runs, as pg_stat_statements keeps them. */
const READ_MODEL_QUERIES = `SELECT coalesce(sum(calls), 0)::int AS calls FROM pg_stat_statements
  WHERE query ~ '^\\s*SELECT' AND (query LIKE '%FROM articles WHERE id%' OR query LIKE '%FROM article_revisions%')`;

/**
 * On a primary and standby of its own (test/support/standby: the low-level backup API), with
 * pg_stat_statements on both: the API with the standby as its replica under a read load, and
 * the share of the read models' queries the primary still ran, from each server's own
 * statistics. This machine's replica shares the primary's cores: offload, not speed, is measured.
 */
export async function measureReplicaOffload(reads: number, log: (line: string) => void): Promise<OffloadRun[]> {
  const pair = await startStandbyPair(["shared_preload_libraries = 'pg_stat_statements'"]);
  try {
    await runAdmin(pair.primaryUrl('postgres'), 'CREATE DATABASE newsroom');
    await runMigrations(pair.primaryUrl('newsroom'));
    await runAdmin(pair.primaryUrl('newsroom'), 'CREATE EXTENSION pg_stat_statements');
    const secret = `offload-${Date.now()}-secret-of-at-least-32-bytes`;
    const api = await startApi(pair.primaryUrl('newsroom'), secret, {
      DATABASE_REPLICA_URLS: pair.standbyUrl('newsroom'),
      REPLICA_MAX_LAG_MS: '1000',
      REPLICA_WAIT_MS: '250',
    });
    try {
      const token = await issueToken(secret, { sub: 'bench-editor', roles: ['editor'] });
      const client = new ApiClient(api.baseUrl, token);
      log(`offload: ${ARTICLES} articles, 2 revisions each`);
      const written = await client.seed(ARTICLES);
      await pair.caughtUp();
      await pause(500);
      const runs: OffloadRun[] = [];
      log(`offload: ${reads} untokened reads`);
      runs.push(await measured(pair, 'untokened', reads, (i) => client.read(written[i % ARTICLES].id)));
      log(`offload: ${reads} reads with tokens the replica has replayed`);
      runs.push(
        await measured(pair, 'tokened, replayed', reads, (i) =>
          client.read(written[i % ARTICLES].id, written[i % ARTICLES].token),
        ),
      );
      log(`offload: ${reads} reads each right after its own command, with its token`);
      runs.push(
        await measured(pair, 'tokened, just written', reads, async (i) => {
          const { id } = written[i % ARTICLES];
          return client.read(id, await client.edit(id, i));
        }),
      );
      return runs;
    } finally {
      await api.stop();
    }
  } finally {
    await pair.destroy();
  }
}

async function measured(
  pair: StandbyPair,
  load: string,
  reads: number,
  read: (i: number) => Promise<string>,
): Promise<OffloadRun> {
  await Promise.all([statements(pair.primaryUrl('newsroom'), true), statements(pair.standbyUrl('newsroom'), true)]);
  const servedBy: Record<string, number> = {};
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < reads; i = next++) {
      const server = await read(i);
      servedBy[server] = (servedBy[server] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const [primaryQueries, replicaQueries] = await Promise.all([
    statements(pair.primaryUrl('newsroom')),
    statements(pair.standbyUrl('newsroom')),
  ]);
  const total = primaryQueries + replicaQueries;
  return { load, reads, primaryQueries, replicaQueries, primaryShare: total === 0 ? 0 : primaryQueries / total, servedBy };
}

/** The read-model queries counted on one server since the last reset (and a reset, when asked). */
async function statements(url: string, reset = false): Promise<number> {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    if (reset) {
      await pool.query('SELECT pg_stat_statements_reset()');
      return 0;
    }
    return (await pool.query<{ calls: number }>(READ_MODEL_QUERIES)).rows[0].calls;
  } finally {
    await pool.end();
  }
}

class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /** Articles created and edited once, each with the token of its edit. */
  async seed(count: number): Promise<Array<{ id: string; token: string }>> {
    const written: Array<{ id: string; token: string }> = [];
    for (let a = 0; a < count; a++) {
      const created = await this.send('POST', '/articles', { headline: `Offload ${a}`, body: 'One paragraph.' });
      const id = (created.body as { id: string }).id;
      written.push({ id, token: await this.edit(id, 0) });
    }
    return written;
  }

  async edit(id: string, n: number): Promise<string> {
    const { token } = await this.send('PUT', `/articles/${id}/headline`, { headline: `Offload edit ${n}`, reason: 'Bench' });
    if (!token) throw new Error('a command answer without Consistency-Token');
    return token;
  }

  /** GET /articles/{id} (with the token when given): who served it. */
  async read(id: string, token?: string): Promise<string> {
    const response = await fetch(`${this.baseUrl}/articles/${id}`, {
      headers: { authorization: `Bearer ${this.token}`, ...(token ? { 'consistency-token': token } : {}) },
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET /articles/${id}: ${response.status}`);
    return response.headers.get('served-by') ?? 'none';
  }

  private async send(method: string, path: string, body: unknown): Promise<{ body: unknown; token: string | null }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return { body: await response.json(), token: response.headers.get('consistency-token') };
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The table of the offload runs, for the report. */
export function offloadTable(runs: readonly OffloadRun[]): string {
  const lines = ['', 'Replica offload (GET /articles/{id}; read-model queries from pg_stat_statements on each server)', ''];
  lines.push('| load | reads | primary queries | replica queries | primary share | served by |', '|---|---|---|---|---|---|');
  for (const run of runs) {
    lines.push(
      `| ${run.load} | ${run.reads} | ${run.primaryQueries} | ${run.replicaQueries} | ${(run.primaryShare * 100).toFixed(1)} % | ${JSON.stringify(run.servedBy)} |`,
    );
  }
  return lines.join('\n');
}
