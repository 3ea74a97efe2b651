import { call, type ReplicatedApi, startReplicatedApi } from '../support/standby/replicated-api';

const TRIES = 1000;
const WRITERS = 8;
const ARTICLES = WRITERS;

/**
 * The API with a real streaming standby as its replica: a client that sends back the token of
 * its last command never reads an older state than that command's, wherever its read is served.
 */
describe('read-your-writes across a replica', () => {
  let replicated: ReplicatedApi;
  const ids: string[] = [];

  beforeAll(async () => {
    replicated = await startReplicatedApi({ maxLagMs: 2000, waitMs: 1000 });
    for (let a = 0; a < ARTICLES; a++) {
      const created = await call(replicated, 'POST', '/articles', { body: { headline: `Story ${a}`, body: 'One paragraph.' } });
      if (created.status !== 201) throw new Error(`creating failed: ${created.status} ${JSON.stringify(created.body)}`);
      ids.push(created.body.id as string);
    }
  }, 120_000);

  afterAll(() => replicated?.stop());

  it(`a command followed at once by a read with its token never sees the state before it (${TRIES} tries, ${WRITERS} writers)`, async () => {
    const stale: string[] = [];
    const servedBy: Record<string, number> = {};
    let next = 0;
    const writer = async (id: string) => {
      while (next < TRIES) {
        const attempt = next++;
        const headline = `Headline ${attempt}`;
        const command = await call(replicated, 'PUT', `/articles/${id}/headline`, { body: { headline, reason: 'Sharper' } });
        expect({ status: command.status, token: command.token }).toEqual({
          status: 200,
          token: expect.stringMatching(/^[0-9A-F]+\/[0-9A-F]+$/),
        });
        const read = await call(replicated, 'GET', `/articles/${id}`, { headers: { 'Consistency-Token': command.token! } });
        expect(read.status).toBe(200);
        servedBy[read.servedBy ?? 'none'] = (servedBy[read.servedBy ?? 'none'] ?? 0) + 1;
        // Each writer has an article of its own: nobody else moves it on meanwhile.
        if (read.body.revision !== command.body.revision || read.body.headline !== headline) {
          stale.push(
            `${attempt}: wrote ${String(command.body.revision)}, read ${String(read.body.revision)} from ${read.servedBy}`,
          );
        }
      }
    };
    // Untokened reads of every article meanwhile: the replica serves under load, not idle.
    let loading = true;
    const reader = async () => {
      for (let i = 0; loading; i++) expect((await call(replicated, 'GET', `/articles/${ids[i % ARTICLES]}`)).status).toBe(200);
    };
    const readers = [reader(), reader()];
    await Promise.all(ids.map(writer));
    loading = false;
    await Promise.all(readers);

    expect(stale).toEqual([]);
    expect(Object.keys(servedBy).every((name) => name === 'primary' || name === 'replica-1')).toBe(true);
    // The guarantee is not bought by sending every read to the primary.
    expect(servedBy['replica-1'] ?? 0).toBeGreaterThan(TRIES / 2);
    process.stdout.write(`read-your-writes: ${TRIES} tokened reads served by ${JSON.stringify(servedBy)}\n`);
  }, 90_000);

  it('refuses a malformed token with a 400 problem', async () => {
    for (const bad of ['16', '0/G', '0/0/0', 'latest']) {
      const response = await fetch(`${replicated.api.baseUrl}/articles/${ids[0]}`, {
        headers: { Authorization: `Bearer ${replicated.token}`, 'Consistency-Token': bad },
      });
      expect({ status: response.status, type: response.headers.get('content-type') }).toEqual({
        status: 400,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
      expect(await response.json()).toMatchObject({
        status: 400,
        errors: [expect.objectContaining({ field: expect.stringMatching(/consistency-token/i) })],
      });
    }
  });

  it('/health shows the replica up, its lag and its replay position', async () => {
    const health = await call(replicated, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body.replicas).toEqual([
      { name: 'replica-1', state: 'up', lagMs: expect.any(Number), replayLsn: expect.stringMatching(/^[0-9A-F]+\/[0-9A-F]+$/) },
    ]);
    expect((health.body.replicas as Array<{ lagMs: number }>)[0].lagMs).toBeLessThanOrEqual(2000);
  });
});
