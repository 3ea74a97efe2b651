import { pause, until } from '../support/waiting';
import { type Answer, call, type ReplicatedApi, startReplicatedApi } from '../support/standby/replicated-api';

const MAX_LAG_MS = 1500;
const WAIT_MS = 300;
/** The probe's period plus a scheduling slip on a busy machine. */
const SLACK_MS = 400;

interface ReplicaHealth {
  name: string;
  state: string;
  lagMs: number | null;
}

/**
 * The replica held back (replay paused) and then gone (stopped at once, as in a crash): reads
 * keep their promises, and no read fails. The tests run in order on the one pair.
 */
describe('a replica that falls behind, then dies', () => {
  let replicated: ReplicatedApi;
  let id: string;

  const health = async (): Promise<ReplicaHealth> =>
    ((await call(replicated, 'GET', '/health')).body.replicas as ReplicaHealth[])[0];

  beforeAll(async () => {
    replicated = await startReplicatedApi({ maxLagMs: MAX_LAG_MS, waitMs: WAIT_MS });
    const created = await call(replicated, 'POST', '/articles', {
      body: { headline: 'Before the pause', body: 'One paragraph.' },
    });
    id = created.body.id as string;
    await replicated.pair.caughtUp();
  }, 120_000);

  afterAll(() => replicated?.stop());

  it('with replay paused: commands read the primary, tokened reads fall back to it, untokened ones stay within the lag bound', async () => {
    await replicated.pair.pauseReplay();
    // A command's own reads: the article exists only on the primary, which the command must read.
    const fresh = await call(replicated, 'POST', '/articles', { body: { headline: 'After the pause', body: 'One paragraph.' } });
    const edited = await call(replicated, 'PUT', `/articles/${fresh.body.id as string}/headline`, {
      body: { headline: 'Edited while paused', reason: 'Check' },
      headers: { 'If-Match': '"1"' },
    });
    expect({ created: fresh.status, edited: edited.status, revision: edited.body.revision }).toEqual({
      created: 201,
      edited: 200,
      revision: 2,
    });

    const wrote = Date.now();
    const changed = await call(replicated, 'PUT', `/articles/${id}/headline`, {
      body: { headline: 'During the pause', reason: 'Check' },
    });
    expect(changed.status).toBe(200);
    const tokened = await call(replicated, 'GET', `/articles/${id}`, { headers: { 'Consistency-Token': changed.token! } });
    expect({ servedBy: tokened.servedBy, revision: tokened.body.revision }).toEqual({ servedBy: 'primary', revision: 2 });

    const untokened: Array<{ after: number; read: Answer }> = [];
    while (Date.now() - wrote < MAX_LAG_MS + 2 * SLACK_MS) {
      untokened.push({ after: Date.now() - wrote, read: await call(replicated, 'GET', `/articles/${id}`) });
      await pause(50);
    }
    const byReplica = untokened.filter(({ read }) => read.servedBy === 'replica-1');
    // The paused replica served (its older state: revision 1), and only while within the bound.
    expect(byReplica.length).toBeGreaterThan(0);
    expect(byReplica.map(({ read }) => read.body.revision)).toEqual(byReplica.map(() => 1));
    expect(Math.max(...byReplica.map(({ after }) => after))).toBeLessThanOrEqual(MAX_LAG_MS + SLACK_MS);
    const late = untokened.filter(({ after }) => after > MAX_LAG_MS + SLACK_MS);
    expect(late.length).toBeGreaterThan(0);
    expect(late.map(({ read }) => [read.servedBy, read.body.revision])).toEqual(late.map(() => ['primary', 2]));

    const lagging = await health();
    expect(lagging).toMatchObject({ name: 'replica-1', state: 'lagging' });
    expect(lagging.lagMs).toBeGreaterThan(MAX_LAG_MS);

    await replicated.pair.resumeReplay();
    // Once the probe has seen it catch up, the replica serves again, the token's read included.
    await until(async () => (await health()).state === 'up', 10_000);
    const resumed = await call(replicated, 'GET', `/articles/${id}`, { headers: { 'Consistency-Token': changed.token! } });
    expect({ servedBy: resumed.servedBy, revision: resumed.body.revision }).toEqual({ servedBy: 'replica-1', revision: 2 });
  }, 60_000);

  it('the replica stopped at once under load costs no read', async () => {
    const failures: string[] = [];
    const servedBy: Record<string, number> = {};
    let running = true;
    const count = (read: Answer, what: string) => {
      if (read.status !== 200) failures.push(`${what}: ${read.status} ${JSON.stringify(read.body)}`);
      servedBy[read.servedBy ?? 'none'] = (servedBy[read.servedBy ?? 'none'] ?? 0) + 1;
    };
    const reader = async (path: string) => {
      while (running) count(await call(replicated, 'GET', path), path);
    };
    const writer = async () => {
      for (let n = 0; running; n++) {
        const changed = await call(replicated, 'PUT', `/articles/${id}/headline`, {
          body: { headline: `Load ${n}`, reason: 'Load' },
        });
        if (changed.status !== 200) failures.push(`command: ${changed.status}`);
        else
          count(
            await call(replicated, 'GET', `/articles/${id}`, { headers: { 'Consistency-Token': changed.token! } }),
            'tokened',
          );
      }
    };
    const load = [
      reader(`/articles/${id}`),
      reader(`/articles/${id}`),
      reader(`/articles/${id}/revisions`),
      reader('/articles'),
      reader(`/articles/${id}/diff?from=1&to=2`),
      writer(),
    ];
    await pause(1000);
    const beforeStop = { ...servedBy };
    await replicated.pair.standby.stopImmediately();
    await pause(2000);
    running = false;
    await Promise.all(load);

    expect(failures).toEqual([]);
    expect(beforeStop['replica-1']).toBeGreaterThan(0);
    expect(servedBy.primary ?? 0).toBeGreaterThan(beforeStop.primary ?? 0);
    expect(await health()).toEqual({ name: 'replica-1', state: 'down', lagMs: null, replayLsn: null });
    process.stdout.write(
      `replica stopped under load: reads served ${JSON.stringify(beforeStop)} before, ${JSON.stringify(servedBy)} in all\n`,
    );
  }, 60_000);
});
