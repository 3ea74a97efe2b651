import { setTimeout as sleep } from 'node:timers/promises';
import { until } from '../support/waiting';
import { createDatabaseIfMissing } from '@newsroom/database';
import { Pool } from 'pg';
import { issueToken } from '../../apps/newsroom-api/src/auth/token-issuer';
import { type ApiProcess, startApiProcess, stopApiProcess } from '../support/api-process';
import { startOwnedPostgres, type OwnedPostgres } from '../support/owned-postgres';
import { TEST_SECRET } from '../support/test-app';
import { type Answer, call } from './command-load';
import { feedCaughtUp } from './feed-caught-up';
import { eventsByKey } from './log-invariants';
import { type Exchange, mixedTraffic } from './mixed-traffic';

const ACTOR = 'eddie';
// A command may wait for two connections (read, then append), each up to the 1.5 s connect timeout;
// the rest is headroom for a loaded 2-core machine. Anything near it would be a hang.
const QUICK_MS = 5000;
/** Creating a cluster and starting the API from source take a while on a busy shared machine. */
const SETUP_TIMEOUT_MS = 120_000;

/** The one acceptable failure while the database is away: 503 problem+json. */
function unavailable(answer: Answer | undefined): boolean {
  const body = answer?.body as { status?: unknown; type?: unknown; title?: unknown; detail?: unknown } | undefined;
  return (
    answer?.status === 503 &&
    answer.contentType.startsWith('application/problem+json') &&
    body?.status === 503 &&
    typeof body.type === 'string' &&
    typeof body.title === 'string' &&
    typeof body.detail === 'string'
  );
}

/** Exchanges that break the rules for traffic around an outage, described for a readable failure. */
function misbehaved(exchanges: Exchange[]): string[] {
  return exchanges
    .filter((e) => !e.answer || e.answer.ms >= QUICK_MS || !(e.answer.status === 200 || unavailable(e.answer)))
    .map(
      (e) =>
        `${e.method} ${e.path}: ${e.failure ?? `${e.answer?.status} in ${e.answer?.ms} ms ${JSON.stringify(e.answer?.body)}`}`,
    );
}

/**
 * The database stops under load and comes back. The API, run from its entry point in a process of
 * its own (so that a crash shows as one) on a PostgreSQL of the test's own, must neither hang nor
 * answer 500 meanwhile, and must recover without a restart.
 */
describe('the database going away under load', () => {
  let pg: OwnedPostgres;
  let api: ApiProcess;
  let pool: Pool;
  let baseUrl: string;
  let token: string;
  const ids: string[] = [];
  const traffic: Exchange[] = [];

  beforeAll(async () => {
    pg = await startOwnedPostgres('faults-outage');
    await createDatabaseIfMissing(pg.adminUrl, 'newsroom');
    // Starting the API runs the migrations on the new cluster.
    api = await startApiProcess(pg.urlOf('newsroom'));
    baseUrl = api.baseUrl;
    pool = new Pool({ connectionString: pg.urlOf('newsroom'), max: 2 });
    // An idle connection of ours is cut by the outage too; that is expected, not a failure.
    pool.on('error', () => undefined);
    token = await issueToken(TEST_SECRET, { sub: ACTOR, roles: ['editor'] });
    for (const headline of ['Outage one', 'Outage two']) {
      const created = await call(baseUrl, token, 'POST', '/articles', { body: { headline, body: 'Before [the outage].' } });
      expect(created.status).toBe(201);
      ids.push((created.body as { id: string }).id);
    }
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await pool?.end();
    await stopApiProcess(api);
    await pg?.destroy();
  });

  it('answers 503 problem+json quickly, never hangs or fails otherwise, while the database is down', async () => {
    const load = mixedTraffic({ baseUrl, token, articleIds: ids, clients: 4, prefix: 'outage' });
    // Counted, not timed: on a busy machine a fixed pause may see no answer at all.
    await until(() => load.exchanges.filter((e) => e.answer?.status === 200).length >= 20);
    await pg.stop();
    const stoppedAt = Date.now();
    // Finished either way: should the API crash, the check below says so with its output.
    await until(() => load.exchanges.filter((e) => e.sentAt > stoppedAt && (e.answer || e.failure)).length >= 40);
    traffic.push(...(await load.stop()));

    expect(api.ended()).toBeUndefined();
    expect(misbehaved(traffic)).toEqual([]);
    const before = traffic.filter((e) => e.answer && e.sentAt + e.answer.ms < stoppedAt);
    const after = traffic.filter((e) => e.sentAt > stoppedAt);
    expect(before.filter((e) => e.answer?.status === 200).length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((e) => !unavailable(e.answer)).map((e) => `${e.method} ${e.path}`)).toEqual([]);

    // Every endpoint, one by one, with the database gone for good.
    const id = ids[0];
    const probes = await Promise.all([
      call(baseUrl, token, 'POST', `/articles/${id}/categories`, { body: { label: 'During the outage' }, key: 'outage-probe' }),
      call(baseUrl, token, 'POST', `/articles/${id}/text-corrections`, {
        body: { find: '[the outage]', replace: '[an outage]', reason: 'probe', notice: 'Probe.' },
      }),
      call(baseUrl, token, 'GET', `/articles/${id}`),
      call(baseUrl, token, 'GET', `/articles/${id}?revision=1`),
      call(baseUrl, token, 'GET', '/articles'),
      call(baseUrl, token, 'GET', `/articles/${id}/revisions`),
      call(baseUrl, token, 'GET', `/articles/${id}/diff?from=1&to=1`),
      call(baseUrl, token, 'GET', `/articles/${id}/events`),
      call(baseUrl, token, 'GET', '/corrections'),
    ]);
    expect(probes.filter((p) => !unavailable(p) || p.ms >= QUICK_MS)).toEqual([]);

    const health = await call(baseUrl, token, 'GET', '/health');
    expect(api.ended()).toBeUndefined();
    expect({ status: health.status, body: health.body, quick: health.ms < QUICK_MS }).toEqual({
      status: 503,
      body: { status: 'unavailable', database: 'down', projections: { lag: null } },
      quick: true,
    });
  });

  it('recovers by itself when the database is back: health, commands, reads and the async feed', async () => {
    await pg.start();
    const deadline = Date.now() + 15_000;
    let health = await call(baseUrl, token, 'GET', '/health');
    while (health.status !== 200 && Date.now() < deadline) {
      await sleep(100);
      health = await call(baseUrl, token, 'GET', '/health');
    }
    expect(health.status).toBe(200);

    const id = ids[0];
    const fixed = await call(baseUrl, token, 'POST', `/articles/${id}/text-corrections`, {
      body: { find: '[the outage]', replace: '[an outage]', reason: 'after the outage', notice: 'The outage was misdated.' },
      key: 'after-outage',
    });
    expect(fixed.status).toBe(200);
    const read = await call(baseUrl, token, 'GET', `/articles/${id}`);
    expect(read.body).toMatchObject({ revision: (fixed.body as { revision: number }).revision });
    // The corrections follower lost its connections too: the notice shows only if it came back.
    const feed = await call(baseUrl, token, 'GET', '/corrections?limit=1');
    expect((feed.body as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ articleId: id, text: 'The outage was misdated.' }),
    ]);
    await feedCaughtUp(baseUrl, token);
    expect(api.ended()).toBeUndefined();

    // Nothing a client was told succeeded went missing in the outage.
    const answered = traffic.filter((e) => e.key && e.answer?.status === 200).map((e) => e.key as string);
    const logged = await eventsByKey(pool, ACTOR, answered);
    expect([...logged].filter(([, events]) => events.length !== 1).map(([key]) => key)).toEqual([]);
  });
});
