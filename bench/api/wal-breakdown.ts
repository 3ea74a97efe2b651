import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { issueToken } from '../../apps/newsroom-api/src/auth/token-issuer';
import { createBenchDatabase } from '../support/bench-database';
import { benchLogger, runBench } from '../support/bench-main';
import { type ApiProcess, startApi } from './api-process';
import { ArticleRota } from './article-rota';
import { COMMAND_CYCLE } from './command-cycle';
import { createSampleArticles } from './sample-articles';

const log = benchLogger('wal-breakdown');
const ARTICLES = Number(process.env.WAL_ARTICLES ?? 20);
const CYCLES = Number(process.env.WAL_CYCLES ?? 3);

interface WalRecord {
  xid: string;
  resource_manager: string;
  record_type: string;
  record_length: number;
  fpi_length: number;
  block_ref: string | null;
}

/**
 * Where one command's WAL goes: bench:api's commands sent one at a time on a warm database, each
 * between two readings of the WAL position, then every WAL record of that span read back with
 * pg_walinspect (PostgreSQL 15+, needs a superuser) and attributed to the relation it touches.
 * Needs DATABASE_URL (a server with pg_walinspect, quiet enough that the spans are ours).
 */
async function main(): Promise<void> {
  const database = await createBenchDatabase('newsroom_wal_breakdown');
  let api: ApiProcess | undefined;
  const db = new Client({ connectionString: database.url });
  try {
    const jwtSecret = randomBytes(32).toString('hex');
    api = await startApi({ databaseUrl: database.url, jwtSecret, logLevel: 'warn' });
    // An experiment's schema change (WAL_SETUP_SQL), made before any article exists.
    if (process.env.WAL_SETUP_SQL) {
      const setup = new Client({ connectionString: database.url });
      await setup.connect();
      await setup.query(process.env.WAL_SETUP_SQL).finally(() => setup.end());
    }
    const token = await issueToken(jwtSecret, { sub: 'wal-reporter', roles: ['reporter'] });
    const ids = await createSampleArticles(api.baseUrl, ARTICLES, () => token);
    log(`${ids.length} articles created; ${ARTICLES * COMMAND_CYCLE.length * CYCLES} commands to attribute`);
    const rota = new ArticleRota(ids, [token]);
    await db.connect();
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_walinspect');
    const names = await relationNames(db);
    const oid = (await db.query<{ oid: string }>('SELECT oid::text FROM pg_database WHERE datname = current_database()')).rows[0]
      .oid;
    const send = async () => {
      const assignment = rota.take();
      const response = await fetch(`${api!.baseUrl}${rota.pathFor(assignment)}`, {
        method: assignment.step.method,
        headers: rota.headersFor(assignment),
        body: assignment.step.body,
      });
      const body = await response.text();
      rota.settle(assignment, response.status, response.headers.get('etag') ?? undefined, body);
      return assignment.step.name;
    };
    // One warm cycle: every article row has been updated once, as in steady state.
    for (let i = 0; i < ARTICLES * COMMAND_CYCLE.length; i++) await send();
    await db.query('CHECKPOINT');
    const byKind = new Map<string, { commands: number; rows: Map<string, { bytes: number; fpi: number; records: number }> }>();
    for (let i = 0; i < ARTICLES * COMMAND_CYCLE.length * CYCLES; i++) {
      const before = await lsn(db);
      const kind = await send();
      // Let the followers' work of this command settle into its span.
      await new Promise((resolve) => setTimeout(resolve, 30));
      const after = await lsn(db);
      const { rows } = await db.query<WalRecord>(
        `SELECT xid::text, resource_manager, record_type, record_length, fpi_length, block_ref
         FROM pg_get_wal_records_info($1, $2)`,
        [before, after],
      );
      const entry = byKind.get(kind) ?? { commands: 0, rows: new Map() };
      entry.commands++;
      // The server is shared: keep the records of this database, and the commits of their transactions.
      const ours = rows.filter((record) => record.block_ref?.includes(`/${oid}/`));
      const xids = new Set(ours.map((record) => record.xid).filter((xid) => xid !== '0'));
      const commits = rows.filter((record) => !record.block_ref && xids.has(record.xid));
      for (const record of [...ours, ...commits]) {
        const key = `${relationOf(record.block_ref, names)}\t${record.resource_manager}/${record.record_type.split(' ')[0]}${record.fpi_length > 0 ? '+FPI' : ''}`;
        const sum = entry.rows.get(key) ?? { bytes: 0, fpi: 0, records: 0 };
        sum.bytes += record.record_length;
        sum.fpi += record.fpi_length;
        sum.records++;
        entry.rows.set(key, sum);
      }
      byKind.set(kind, entry);
    }
    if (rota.counts.ok !== ARTICLES * COMMAND_CYCLE.length * (CYCLES + 1)) throw new Error(JSON.stringify(rota.counts));
    for (const [kind, { commands, rows }] of byKind) {
      const total = [...rows.values()].reduce((sum, row) => sum + row.bytes, 0);
      process.stdout.write(`\n${kind}: ${commands} commands, ${(total / commands).toFixed(0)} B of WAL each\n`);
      process.stdout.write('relation\trecord\tbytes/cmd\tfpi/cmd\trecords/cmd\n');
      for (const [key, row] of [...rows].sort((a, b) => b[1].bytes - a[1].bytes)) {
        const per = (n: number) => (n / commands).toFixed(n / commands < 10 ? 2 : 0);
        process.stdout.write(`${key}\t${per(row.bytes)}\t${per(row.fpi)}\t${per(row.records)}\n`);
      }
    }
  } finally {
    await db.end().catch(() => undefined);
    await api?.stop();
    await database.drop();
  }
}

async function lsn(db: Client): Promise<string> {
  const { rows } = await db.query<{ lsn: string }>('SELECT pg_current_wal_flush_lsn()::text AS lsn');
  return rows[0].lsn;
}

/** relfilenode → name (toast tables and their indexes named for the table they serve). */
async function relationNames(db: Client): Promise<Map<string, string>> {
  const { rows } = await db.query<{ node: string; name: string }>(`
    SELECT pg_relation_filenode(c.oid)::text AS node,
           coalesce((SELECT 'toast of ' || o.relname FROM pg_class o WHERE o.reltoastrelid = c.oid),
                    (SELECT 'toast index of ' || o.relname FROM pg_class o JOIN pg_index i ON i.indrelid = o.reltoastrelid WHERE i.indexrelid = c.oid),
                    c.relname) AS name
    FROM pg_class c WHERE pg_relation_filenode(c.oid) IS NOT NULL`);
  return new Map(rows.map((row) => [row.node, row.name]));
}

function relationOf(blockRef: string | null, names: Map<string, string>): string {
  const match = blockRef?.match(/rel \d+\/\d+\/(\d+)/);
  if (!match) return '-';
  // The log's 64 partitions as one: which partition a story lands in is chance.
  return (names.get(match[1]) ?? `other ${match[1]}`).replace(/^events_p\d\d/, 'events');
}

runBench('wal-breakdown', main);
