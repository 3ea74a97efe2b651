import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { runMigrations } from '@newsroom/database';
import { issueToken } from '../../apps/newsroom-api/src/auth/token-issuer';
import { CORRECTIONS_SUBSCRIBER } from '../../apps/newsroom-api/src/articles/projections/corrections-follower';
import { SNAPSHOT_EVERY } from '../../apps/newsroom-api/src/articles/projections/read-model-rows';
import { createBenchDatabase } from '../support/bench-database';
import { postgresGroup, postmasterPid } from '../support/cpu-meter';
import { assertBuilt, buildApp, type RunningApi, startApi } from './api-server';
import { buildArticleTemplate } from './article-template';
import { type ChildRun, runInChild } from './child-runs';
import { diagnoseRebuild } from './diagnose';
import { cleanUpOnInterrupt } from './interrupted';
import { loadLog } from './load-log';
import { LogRows } from './log-rows';
import { longestHistories, type ReadRun, timePastReads } from './past-reads';
import { checkReadModels, markFollowersCaughtUp } from './read-models-check';
import { printReport } from './report';
import { loadProjectionsBenchSettings } from './settings';
import { benchLogger, runBench } from '../support/bench-main';

const log = benchLogger('bench:projections');

/**
 * `npm run bench:projections`: generates and bulk-loads a log of articles edited through the
 * domain, times a full rebuild of the read models against a plain catch-up read of the same log,
 * then past-revision reads through the API. Not a test: it prints figures.
 */
async function main(): Promise<void> {
  const settings = loadProjectionsBenchSettings();
  if (settings.build) {
    log('compiling the app (npm run build)');
    buildApp(log);
  }
  assertBuilt();

  const template = buildArticleTemplate(settings.edits);
  const database = await createBenchDatabase('newsroom_bench_projections');
  let api: RunningApi | undefined;
  const cleanUp = async (): Promise<void> => {
    await api?.stop();
    api = undefined;
    if (settings.keepDatabase) log(`database ${database.name} kept (BENCH_KEEP_DATABASE=1): ${database.url}`);
    else await database.drop();
  };
  cleanUpOnInterrupt(database.url, settings.keepDatabase, () => api?.kill(), log);
  try {
    log(`database ${database.name} on ${database.server}`);
    await runMigrations(database.url);
    const rows = await LogRows.create(database.url, template.events, settings.interleave);
    const eventsExpected = settings.articles * rows.eventsPerArticle;
    log(`loading ${eventsExpected.toLocaleString('en')} events (${settings.articles} articles × ${rows.eventsPerArticle})`);
    const load = await loadLog(database.url, rows, settings, log);
    if (load.events !== eventsExpected) throw new Error(`loaded ${load.events} events, expected ${eventsExpected}`);
    const postmaster = await postmasterPid(database.url);
    const flags = { nodeFlags: settings.nodeFlags };

    // The two baseline reads bracket the rebuild, so that a drifting machine shows as a gap between them.
    log('catch-up read of the log (baseline)');
    const logOrderReads: ChildRun[] = [await runInChild('read-log-order', database.url, settings.batchSize, postmaster, flags)];
    log('the rebuild’s read alone (LogSnapshot)');
    const streamOrderRead = await runInChild('read-stream-order', database.url, settings.batchSize, postmaster, flags);
    const snapshotsPerArticle = Array.from({ length: rows.eventsPerArticle }, (_, i) => i + 1).filter(
      (revision) => revision === 1 || revision % SNAPSHOT_EVERY === 0,
    ).length;
    const expected = {
      articles: settings.articles,
      revisions: eventsExpected,
      snapshots: settings.articles * snapshotsPerArticle,
      corrections: settings.articles * template.final.corrections.length,
    };
    log('rebuild');
    const rebuild = await runInChild('rebuild', database.url, settings.batchSize, postmaster, flags);
    const readModels = await checkReadModels(database.url, expected, template.final);
    log('catch-up read of the log again');
    logOrderReads.push(await runInChild('read-log-order', database.url, settings.batchSize, postmaster, flags));

    await markFollowersCaughtUp(database.url, CORRECTIONS_SUBSCRIBER);
    const jwtSecret = randomBytes(32).toString('hex');
    log('starting the API');
    api = await startApi(database.url, jwtSecret);
    const token = await issueToken(jwtSecret, { sub: 'bench-reader', roles: ['reporter'] });
    const histories = await longestHistories(database.url, settings.readArticles);
    const reads: ReadRun[] = [];
    for (const concurrency of settings.readConcurrency) {
      log(`${settings.reads} past-revision reads, ${concurrency} in flight`);
      reads.push(
        await timePastReads({
          baseUrl: api.baseUrl,
          token,
          histories,
          concurrency,
          requests: settings.reads,
          groups: { api: { pid: api.pid }, postgres: postgresGroup(postmaster, database.url), bench: { pid: process.pid } },
        }),
      );
    }
    await api.stop();
    api = undefined;

    printReport({
      server: database.server,
      articles: settings.articles,
      eventsPerArticle: rows.eventsPerArticle,
      interleave: settings.interleave,
      nodeFlags: settings.nodeFlags,
      batchSize: settings.batchSize,
      mix: template.mix,
      load,
      logOrderReads,
      streamOrderRead,
      rebuild,
      readModels,
      reads,
    });
    if (settings.diagnose) await diagnoseRebuild(database.url, settings.batchSize, postmaster, log);
  } finally {
    await cleanUp();
  }
}

runBench('bench:projections', main);
