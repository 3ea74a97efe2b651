import { Client } from 'pg';
import { REBUILD_LOCK } from '../../apps/newsroom-api/src/articles/projections/rebuild/rebuild-projections';
import { createSampleArticle, expectProblem } from '../support/articles-api';
import { createTestApp, type TestApp } from '../support/test-app';
import { until } from '../support/waiting';
import { parsePrometheusText, type Sample, valueOf } from './prometheus-text';

const METRICS_TOKEN = 'scrape-token-0123456789abcdef';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * GET /metrics with METRICS_TOKEN: Prometheus's text format, requests by route template, commands
 * by type and outcome, appends, the corrections follower's lag, the rebuild, the pool, Node.
 */
describe('GET /metrics', () => {
  let t: TestApp;
  let editor: string;
  let id: string;

  beforeAll(async () => {
    t = await createTestApp({ metricsToken: METRICS_TOKEN });
    editor = await t.token('eddie', 'editor');
    id = await createSampleArticle(t, editor);
  });
  afterAll(() => t.close());

  async function scrape(): Promise<Sample[]> {
    const res = await t.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
      status: 200,
      type: 'text/plain; version=0.0.4; charset=utf-8',
    });
    return parsePrometheusText(res.text);
  }

  const correct = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t
      .http()
      .post(`/articles/${id}/text-corrections`)
      .set('Authorization', `Bearer ${editor}`)
      .set(headers)
      .send({ reason: 'Fix', ...body });

  it('moves the command counter by exactly one per accepted command, and counts refusals and conflicts apart', async () => {
    const counted = (samples: Sample[], outcome: string) =>
      valueOf(samples, 'newsroom_commands_total', { type: 'CorrectText', outcome });
    const before = await scrape();
    expect((await correct({ find: 'Geneva', replace: 'Genève', occurrence: 1 })).status).toBe(200);
    const afterOne = await scrape();
    expect(counted(afterOne, 'accepted')).toBe(counted(before, 'accepted') + 1);
    expect((await correct({ find: 'Genève', replace: 'Geneva' })).status).toBe(200);
    const afterTwo = await scrape();
    expect(counted(afterTwo, 'accepted')).toBe(counted(before, 'accepted') + 2);

    expect((await correct({ find: 'La Casa officials', replace: 'x' })).status).toBe(422);
    const stale = await t
      .http()
      .delete(`/articles/${id}/publication`)
      .set('Authorization', `Bearer ${editor}`)
      .set('If-Match', '"1"')
      .send({ reason: 'Legal review' });
    expect(stale.status).toBe(412);
    const afterRefusals = await scrape();
    expect(counted(afterRefusals, 'accepted')).toBe(counted(before, 'accepted') + 2);
    expect(counted(afterRefusals, 'refused')).toBe(counted(before, 'refused') + 1);
    const conflicts = (samples: Sample[]) =>
      valueOf(samples, 'newsroom_commands_total', { type: 'WithdrawArticle', outcome: 'conflict' });
    expect(conflicts(afterRefusals)).toBe(conflicts(before) + 1);
    // The appends: two more, each timed.
    const appended = (samples: Sample[]) =>
      valueOf(samples, 'newsroom_event_append_duration_seconds_count', { outcome: 'appended' });
    expect(appended(afterRefusals)).toBe(appended(before) + 2);
  });

  it('counts requests by route template and status, never by raw path', async () => {
    await t.http().get(`/articles/${id}`).set('Authorization', `Bearer ${editor}`);
    await t.http().get('/articles/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed').set('Authorization', `Bearer ${editor}`);
    await t.http().get(`/no/such/${id}`);
    const samples = await scrape();
    const requests = (route: string, status: string) =>
      valueOf(samples, 'http_request_duration_seconds_count', { method: 'GET', route, status });
    expect(requests('/articles/:id', '200')).toBeGreaterThanOrEqual(1);
    expect(requests('/articles/:id', '404')).toBe(1);
    expect(requests('unrouted', '404')).toBe(1);
    expect(
      valueOf(samples, 'http_request_duration_seconds_count', {
        method: 'POST',
        route: '/articles/:id/text-corrections',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(2);
    const labelled = samples.filter((sample) => sample.name.startsWith('http_request_duration_seconds'));
    expect(labelled.length).toBeGreaterThan(0);
    for (const sample of labelled) expect(Object.values(sample.labels).join(' ')).not.toMatch(UUID);
  });

  it('shows the corrections follower’s lag, which returns to 0 once it has caught up', async () => {
    const lag = async () => valueOf(await scrape(), 'newsroom_projection_lag_events', { subscription: 'corrections-feed' });
    await until(async () => (await lag()) === 0);
    // Hold the follower's checkpoint row: it handles the next batch but cannot record that it did.
    const holder = new Client({ connectionString: t.database.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM subscription_checkpoints WHERE subscriber = 'corrections-feed' FOR UPDATE`);
      const notice = {
        find: 'more than four hours',
        replace: 'nearly four hours',
        notice: 'An earlier version said the meeting lasted more than four hours.',
      };
      expect((await correct(notice)).status).toBe(200);
      await until(async () => (await lag()) > 0);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    await until(async () => (await lag()) === 0);
  });

  it('says whether a rebuild holds its lock on this database', async () => {
    expect(valueOf(await scrape(), 'newsroom_projection_rebuild_running')).toBe(0);
    const rebuild = new Client({ connectionString: t.database.url });
    await rebuild.connect();
    try {
      await rebuild.query('SELECT pg_advisory_lock($1)', [REBUILD_LOCK]);
      expect(valueOf(await scrape(), 'newsroom_projection_rebuild_running')).toBe(1);
    } finally {
      await rebuild.end();
    }
    expect(valueOf(await scrape(), 'newsroom_projection_rebuild_running')).toBe(0);
  });

  it('shows the pg pool’s use and Node’s default metrics', async () => {
    const samples = await scrape();
    expect(valueOf(samples, 'newsroom_db_pool_max_connections')).toBeGreaterThan(0);
    expect(valueOf(samples, 'newsroom_db_pool_open_connections')).toBeGreaterThan(0);
    expect(valueOf(samples, 'newsroom_db_pool_idle_connections')).toBeGreaterThanOrEqual(0);
    expect(valueOf(samples, 'newsroom_db_pool_waiting_requests')).toBe(0);
    const names = new Set(samples.map((sample) => sample.name));
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds']) {
      expect(names).toContain(name);
    }
  });

  it('answers only to the metrics token: none, a wrong one or a newsroom token get 401', async () => {
    const none = await t.http().get('/metrics');
    expectProblem(none, 401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    const wrong = await t.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}x`);
    expectProblem(wrong, 401);
    expect(wrong.headers['www-authenticate']).toBe('Bearer realm="metrics", error="invalid_token"');
    expectProblem(await t.http().get('/metrics').set('Authorization', `Bearer ${editor}`), 401);
    expect(wrong.text).not.toContain(METRICS_TOKEN);
  });
});

describe('GET /metrics without METRICS_TOKEN', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('does not exist', async () => {
    expectProblem(await t.http().get('/metrics'), 404);
    expectProblem(await t.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`), 404);
  });
});
