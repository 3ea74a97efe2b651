import 'reflect-metadata';
import { Client } from 'pg';
import { runMigrations } from '@newsroom/database';
import { CORRECTIONS_SUBSCRIBER } from '../../apps/newsroom-api/src/articles/projections/corrections-follower';
import { createBenchDatabase } from '../support/bench-database';
import { benchLogger, runBench } from '../support/bench-main';
import { postmasterPid } from '../support/cpu-meter';
import { assertBuilt, buildApp } from '../projections/api-server';
import { buildArticleTemplate } from '../projections/article-template';
import { runInChild } from '../projections/child-runs';
import { LogRows } from '../projections/log-rows';
import { markFollowersCaughtUp } from '../projections/read-models-check';
import { growLog } from './grow';
import { measureSize } from './measure-size';
import { printReport, type ScaleStep } from './report';
import { measureReplicaOffload, offloadTable } from './replica-offload';
import { loadScaleBenchSettings } from './settings';

const log = benchLogger('bench:scale');

/**
 * `npm run bench:scale`: grows one database's log by COPY through the sizes asked (10^5 and
 * 10^6 events; 10^7 with --full), rebuilds the read models at each, and measures there the
 * appends at 16 writers, current and past reads through the API and a follower's catch-up, to
 * show whether any of them costs more as the log grows. Not a test: it prints figures.
 */
async function main(): Promise<void> {
  const settings = loadScaleBenchSettings();
  if (settings.build) {
    log('compiling the app (npm run build)');
    buildApp(log);
  }
  assertBuilt();
  if (settings.offloadReads > 0) {
    // First, on a primary and standby of its own: the sizes' database is not replicated.
    const runs = await measureReplicaOffload(settings.offloadReads, log);
    process.stdout.write(`${offloadTable(runs)}\n\nBENCH_SCALE_OFFLOAD_JSON ${JSON.stringify(runs)}\n`);
    if (settings.offloadOnly) return;
  }
  const database = await createBenchDatabase('newsroom_bench_scale');
  try {
    log(`database ${database.name} on ${database.server}`);
    await runMigrations(database.url);
    const rows = await LogRows.create(database.url, buildArticleTemplate(settings.edits).events, settings.interleave);
    const postmaster = await postmasterPid(database.url);
    const steps: ScaleStep[] = [];
    let events = 0;
    for (const size of settings.sizes) {
      log(`growing the log to ${size.toLocaleString('en')} events`);
      const catchUp = Math.min(settings.catchUpEvents, Math.floor((size - events) / 2));
      const growth = await growLog(database.url, rows, settings, size - events, catchUp, log);
      log('rebuilding the read models');
      const rebuild = await runInChild('rebuild', database.url, settings.batchSize, postmaster);
      await markFollowersCaughtUp(database.url, CORRECTIONS_SUBSCRIBER);
      log('VACUUM ANALYZE, CHECKPOINT');
      await settle(database.url);
      const figures = await measureSize(
        database.url,
        settings,
        { after: growth.beforeLast, count: growth.lastEvents },
        postmaster,
        log,
      );
      steps.push({ ...figures, loadSeconds: growth.seconds, rebuildSeconds: rebuild.seconds });
      events = figures.events;
      // After every size, not only the last: a run stopped on the way (10^7 takes long) keeps its figures.
      printReport(database.server, rows.eventsPerArticle, steps);
    }
  } finally {
    if (settings.keepDatabase) log(`database ${database.name} kept (BENCH_KEEP_DATABASE=1): ${database.url}`);
    else await database.drop();
  }
}

/**
 * The rebuild leaves read models that autovacuum would otherwise scan while the figures are
 * taken: at 10^6 events its passes over article_revisions and article_field_changes (a million
 * rows each) ran through the catch-up and the reads, and the PostgreSQL CPU metered per read
 * included them. A newsroom's tables have been vacuumed long since.
 */
async function settle(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('VACUUM (ANALYZE)');
    await client.query('CHECKPOINT').catch(() => undefined);
  } finally {
    await client.end();
  }
}

runBench('bench:scale', main);
