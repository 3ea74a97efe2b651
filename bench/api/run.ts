import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { issueToken } from '../../apps/newsroom-api/src/auth/token-issuer';
import { createBenchDatabase } from '../support/bench-database';
import { monotonicMicros } from '../support/cpu-profile-summary';
import { type ProcessGroup, postgresGroup } from '../support/cpu-meter';
import { type ApiProcess, buildApi, startApi } from './api-process';
import { ArticleRota } from './article-rota';
import { COMMAND_CYCLE } from './command-cycle';
import { DatabaseProbe } from './database-probe';
import { Diagnosis } from './diagnosis';
import { driveCommands } from './drive-commands';
import { driveReads } from './drive-reads';
import { measureFloor } from './floor-phases';
import { measureLogAppends } from './log-append';
import { measureRawInserts } from './raw-insert';
import { LATENCY_TARGET, printReport } from './report';
import { PhaseMeters } from './run-meters';
import { createSampleArticles } from './sample-articles';
import { loadBenchSettings } from './settings';
import { WalMeter } from './wal-meter';
import { benchLogger, runBench } from '../support/bench-main';

const log = benchLogger('bench:api');

/** Distinct actors, as in a newsroom: the per-actor rate limit and the audit trail see several people. */
const ACTORS = 16;

async function main(): Promise<void> {
  const loadBefore = loadavg()[0];
  const settings = loadBenchSettings();
  if (settings.build) {
    log('compiling the API');
    buildApi(log);
  }
  const diagnosis = new Diagnosis(settings.diagnose);

  const database = await createBenchDatabase('newsroom_bench_api');
  let api: ApiProcess | undefined;
  let probe: DatabaseProbe | undefined;
  let wal: WalMeter | undefined;
  const cleanUp = async (): Promise<void> => {
    await probe?.close().catch(() => undefined);
    await wal?.close().catch(() => undefined);
    await api?.stop();
    api = undefined;
    await database.drop();
  };
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
  try {
    const jwtSecret = randomBytes(32).toString('hex');
    log(`database ${database.name} on ${database.server}; starting the API (LOG_LEVEL=${settings.logLevel})`);
    api = await startApi({
      databaseUrl: database.url,
      jwtSecret,
      logLevel: settings.logLevel,
      cpuProfileDir: diagnosis.enabled ? diagnosis.profileDir : undefined,
      queryCountFile: diagnosis.enabled ? diagnosis.queryCountFile : undefined,
    });
    const tokens = await Promise.all(
      Array.from({ length: ACTORS }, (_, i) => issueToken(jwtSecret, { sub: `bench-reporter-${i}`, roles: ['reporter'] })),
    );
    const ids = await createSampleArticles(api.baseUrl, settings.articles, (i) => tokens[i % tokens.length]);
    const rota = new ArticleRota(ids, tokens);
    log(`${ids.length} articles created`);

    probe = await DatabaseProbe.open(database.url);
    wal = await WalMeter.open(database.url);
    const postmaster = await probe.postmasterPid();
    const groups: Record<string, ProcessGroup> = {
      api: { pid: api.pid },
      postgres: postgresGroup(postmaster, database.url),
      bench: { pid: process.pid },
    };

    if (settings.warmupCommands > 0) {
      log(`warming up with ${settings.warmupCommands} commands`);
      await driveCommands(api.baseUrl, rota, settings.connections, { commands: settings.warmupCommands });
    }
    log(
      `driving commands for ${settings.seconds} s at ${settings.connections} connections${settings.diagnose ? ' (diagnosing: slower)' : ''}`,
    );
    const commandMeters = new PhaseMeters(wal, groups);
    await commandMeters.begin();
    const loadWindow = { fromUs: monotonicMicros(), toUs: 0 };
    const commands = await driveCommands(api.baseUrl, rota, settings.connections, { seconds: settings.seconds });
    loadWindow.toUs = monotonicMicros();
    await commandMeters.end();

    log(`driving commands for ${settings.seconds} s at ${LATENCY_TARGET.connections} connections (latency)`);
    const fewCommands = await driveCommands(api.baseUrl, rota, LATENCY_TARGET.connections, { seconds: settings.seconds });

    log(`reading the same articles for ${settings.seconds} s at ${settings.connections} connections`);
    const readMeters = new PhaseMeters(wal, groups);
    await readMeters.begin();
    const readWindow = { fromUs: monotonicMicros(), toUs: 0 };
    const reads = await driveReads(api.baseUrl, ids, tokens, settings.connections, settings.seconds);
    readWindow.toUs = monotonicMicros();
    await readMeters.end();

    const document = await readArticle(api.baseUrl, ids[0], tokens[0]);
    // The API sits idle from here on, so the baseline has the machine to itself.
    const payload = await probe.latestCorrection();
    log(`raw INSERT baseline for ${settings.seconds} s at ${settings.connections} connections`);
    const rawMeters = new PhaseMeters(wal, groups);
    const raw = await measureRawInserts(database.url, payload, settings.connections, settings.seconds, rawMeters);
    // Stopped before the floor runs: neither the API's followers nor its exit compete with it.
    await api.stop();
    api = undefined;

    // After the API stopped: its followers would otherwise read these events too.
    log(`the event store's append alone for ${settings.seconds} s at ${settings.connections} connections`);
    const logMeters = new PhaseMeters(wal, groups);
    const logAppends = await measureLogAppends(database.url, payload, settings.connections, settings.seconds, logMeters);

    const floor = await measureFloor({
      api: { databaseUrl: database.url, jwtSecret, logLevel: settings.logLevel },
      document,
      articleId: ids[0],
      payload,
      headers: { authorization: `Bearer ${tokens[0]}` },
      commandBody: COMMAND_CYCLE[0].body,
      connections: settings.connections,
      seconds: settings.seconds,
      warmupRequests: settings.warmupCommands,
      wal,
      groups: { postgres: groups.postgres, bench: groups.bench },
      log,
    });

    const report = {
      server: database.server,
      loadBefore,
      connections: settings.connections,
      articles: ids.length,
      commands,
      fewCommands,
      reads,
      raw,
      logAppends,
      payloadBytes: [payload.data, payload.metadata, ...Object.values(payload.columns ?? {})].reduce(
        (sum, text) => sum + Buffer.byteLength(text),
        0,
      ),
      commandUsage: commandMeters.usage,
      rawUsage: rawMeters.usage,
      logUsage: logMeters.usage,
      readUsage: readMeters.usage,
      floor,
      counts: rota.counts,
    };
    printReport(report);
    diagnosis.print(commands.completed, { commands: loadWindow, reads: readWindow });
  } finally {
    await cleanUp();
  }
}

/** One read's answer, as the API serialised it: the document the floor's bare endpoint answers too. */
async function readArticle(baseUrl: string, id: string, token: string): Promise<unknown> {
  const response = await fetch(`${baseUrl}/articles/${id}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`reading article ${id} for the floor answered ${response.status}`);
  return response.json();
}

runBench('bench:api', main);
