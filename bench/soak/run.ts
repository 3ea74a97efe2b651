import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { hireDesk } from './actors';
import { type ApiChild, buildApi, startApi } from './api-child';
import { ArticlePool } from './article-pool';
import { untilFeedCaughtUp } from './caught-up';
import { fileMany } from './command-requests';
import { HeapProbe } from './heap-probe';
import { SoakClient } from './http-client';
import { Ledger } from './ledger';
import { drive } from './load-driver';
import { measuredLoad } from './measured-load';
import { auditLog } from './log-audit';
import { Random } from './random';
import { printReport } from './report';
import { loadSoakSettings } from './settings';
import { createBenchDatabase } from '../support/bench-database';
import { Tally } from './tally';
import type { Load } from './workload';
import { benchLogger, runBench } from '../support/bench-main';

const log = benchLogger('bench:soak');

/**
 * `npm run bench:soak`: minutes of mixed load (edits, reads, history, diffs, listings, the
 * corrections feed, audits) against the compiled API in a child process on a fresh database of
 * its own, with one projections rebuild half-way through. At the end the log is held against
 * every answer the load got, and the API's RSS against its start.
 */
async function main(): Promise<void> {
  const settings = loadSoakSettings();
  if (settings.build) {
    log('compiling the API and its scripts');
    buildApi();
  }
  const database = await createBenchDatabase('newsroom_bench_soak');
  let api: ApiChild | undefined;
  let client: SoakClient | undefined;
  const cleanUp = async (): Promise<void> => {
    client?.close();
    await api?.stop();
    api = undefined;
    await database.drop();
  };
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
  try {
    const jwtSecret = randomBytes(32).toString('hex');
    log(`database ${database.name} on ${database.server}; starting the API (LOG_LEVEL=${settings.logLevel})`);
    const probe = settings.heapProbe ? new HeapProbe('dist/bench-soak/heap-probe') : undefined;
    api = await startApi({
      databaseUrl: database.url,
      jwtSecret,
      logLevel: settings.logLevel,
      nodeArgs: probe?.nodeArgs,
      ipc: probe !== undefined,
    });
    probe?.attach(api.process);
    const running = api;
    const alive = (): boolean => running.exited() === undefined;
    client = new SoakClient(api.baseUrl, settings.connections);
    const load: Load = {
      client,
      pool: new ArticlePool(),
      desk: await hireDesk(jwtSecret),
      ledger: new Ledger(`soak-${Date.now().toString(36)}`),
      random: new Random(settings.seed),
      tally: new Tally(),
    };
    const warmup = load.tally;
    await fileMany(load, settings.articles);
    const articlesAtStart = load.pool.articles.length;
    log(`${articlesAtStart} articles filed; warming up for ${settings.warmupSeconds} s`);
    await drive(load, settings.connections, settings.warmupSeconds, alive);

    log(`mixed load for ${settings.seconds} s at ${settings.connections} connections, a projections rebuild at half time`);
    const measured = await measuredLoad(load, api, database.url, settings, log, probe);
    if (!alive()) throw new Error(`${running.exited()} during the load`);

    log('load done; waiting for the corrections feed, then auditing the log');
    const feedCatchUpSeconds = await untilFeedCaughtUp(api.baseUrl);
    const audit = await auditLog(database.url, load.ledger, load.pool);
    const apiExited = api.exited();
    await api.stop();
    api = undefined;
    const verdict = printReport({
      server: database.server,
      seconds: settings.seconds,
      connections: settings.connections,
      articlesAtStart,
      articlesAtEnd: load.pool.articles.length,
      warmup,
      measured: measured.tally,
      elapsed: measured.elapsed,
      cpu: measured.cpu,
      rebuild: measured.rebuild,
      feedCatchUpSeconds,
      audit,
      rss: measured.rss,
      apiExited,
    });
    // A benchmark, not a test, but a missed target should not pass unnoticed in a script either.
    if (!verdict.met) process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}

runBench('bench:soak', main);
