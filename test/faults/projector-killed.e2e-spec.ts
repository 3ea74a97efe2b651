import { leaseHolder } from '@newsroom/event-store';
import { Pool } from 'pg';
import { CORRECTIONS_SUBSCRIBER } from '../../apps/newsroom-api/src/articles/projections/corrections-follower';
import { issueToken } from '../../apps/newsroom-api/src/auth/token-issuer';
import { type ApiProcess, startApiProcess, stopApiProcess } from '../support/api-process';
import { type ProjectorProcess, startProjectorProcess, stopProjectorProcess } from '../support/projector-process';
import { TEST_SECRET } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { until } from '../support/waiting';
import { articleBody, call, type Outcome, plannedCommands, runLoad } from './command-load';
import { feedCaughtUp } from './feed-caught-up';
import { readModelsAndRebuild } from './log-invariants';

const ACTOR = 'eddie';
const ARTICLES = 6;
/** Every fifth carries a public notice (command-load.ts): 80 notices. */
const COMMANDS = 400;
const CLIENTS_PER_API = 4;
/**
 * The first commands go out before the kill (20 notices); the leaseholder is killed once the feed
 * holds 15 of them (as a rule while it still projects the rest), and the other 300 commands (60
 * notices) are sent after the kill, during and after the takeover. Gating the rest on
 * the kill, rather than counting answers when it comes, keeps "mid-stream" true on a slow machine,
 * where the projector lags the commands (CI once had 236 of 400 answered before the feed held 15).
 */
const BEFORE_KILL = 100;
const KILL_AT_NOTICES = 15;
/** "Within a few seconds": a standby tries the lease every second (leaseRetryMs). */
const TAKEOVER_MS = 5000;
/** Four starts from source dominate; on a busy shared machine each may take 20 s. */
const SETUP_TIMEOUT_MS = 180_000;

/**
 * Two projector processes and two API processes (RUN_PROJECTORS=false) on one database, as a
 * scaled-out newsroom runs them. Commands with public notices flow through both APIs; the
 * projector holding the corrections feed's lease is SIGKILLed mid-stream; the standby takes over
 * and the feed ends exactly as a rebuild from the log makes it.
 */
describe('two projector processes and two APIs: the leaseholder killed mid-stream', () => {
  let database: TestDatabase;
  let pool: Pool;
  let token: string;
  let apis: ApiProcess[] = [];
  let projectors: ProjectorProcess[] = [];

  /** The OS pid of the process whose session holds the feed's lease (its application_name says). */
  async function holderPid(): Promise<number | undefined> {
    const pid = await leaseHolder(pool, CORRECTIONS_SUBSCRIBER);
    if (pid === undefined) return undefined;
    const { rows } = await pool.query<{ name: string }>('SELECT application_name AS name FROM pg_stat_activity WHERE pid = $1', [
      pid,
    ]);
    const named = /^newsroom (\d+) lease /.exec(rows[0]?.name ?? '');
    return named ? Number(named[1]) : undefined;
  }

  const feedSize = async () => (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM corrections')).rows[0].n;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url, max: 4 });
    token = await issueToken(TEST_SECRET, { sub: ACTOR, roles: ['editor'] });
    apis = await Promise.all([1, 2].map(() => startApiProcess(database.url, { RUN_PROJECTORS: 'false' })));
    projectors = await Promise.all([1, 2].map(() => startProjectorProcess(database.url)));
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await Promise.all([...apis.map(stopApiProcess), ...projectors.map(stopProjectorProcess)]);
    await pool.end();
    await database.drop();
  });

  it('hands the feed to the standby within seconds, and the feed ends equal to a rebuild, nothing missing or twice', async () => {
    // A projector holds the lease, never an API (RUN_PROJECTORS=false).
    await until(async () => (await holderPid()) !== undefined);
    const firstHolder = await holderPid();
    expect(projectors.map((p) => p.pid)).toContain(firstHolder);
    const [killed, standby] = projectors[0].pid === firstHolder ? projectors : [projectors[1], projectors[0]];

    const ids: string[] = [];
    for (let a = 0; a < ARTICLES; a++) {
      const created = await call(apis[a % 2].baseUrl, token, 'POST', '/articles', {
        body: { headline: `Takeover ${a}`, body: articleBody(a, ARTICLES, COMMANDS) },
      });
      expect(created.status).toBe(201);
      ids.push((created.body as { id: string }).id);
    }
    // The commands alternate between the two APIs, each with its own clients.
    const commands = plannedCommands(ids, COMMANDS, 'takeover');
    const load = (part: typeof commands) =>
      [0, 1].map((half) =>
        runLoad({
          baseUrl: apis[half].baseUrl,
          token,
          commands: part.filter((_, i) => i % 2 === half),
          clients: CLIENTS_PER_API,
        }),
      );
    const beforeKill = load(commands.slice(0, BEFORE_KILL));

    await until(async () => (await feedSize()) >= KILL_AT_NOTICES);
    killed.kill('SIGKILL');
    const killedAt = Date.now();
    const feedAtKill = await feedSize();
    const afterKill = load(commands.slice(BEFORE_KILL));
    expect(await killed.exited).toBe('SIGKILL');
    await until(async () => (await holderPid()) === standby.pid, TAKEOVER_MS * 4);
    const takeoverMs = Date.now() - killedAt;
    await until(async () => (await feedSize()) > feedAtKill, TAKEOVER_MS * 4);
    const feedMovedMs = Date.now() - killedAt;

    const outcomes: Outcome[] = (await Promise.all([...beforeKill, ...afterKill])).flat();
    expect(outcomes).toHaveLength(COMMANDS);
    const failed = outcomes.filter((o) => o.answer?.status !== 200);
    expect(failed.map((o) => [o.command.key, o.answer?.status, o.answer?.body])).toEqual([]);
    for (const api of apis) await feedCaughtUp(api.baseUrl, token);

    // Every notice in the log is in the feed once, and no entry is anything else.
    const { rows: notices } = await pool.query<{ entry: string }>(
      `SELECT substr(stream_id, length('article-') + 1) || '@' || revision AS entry FROM events WHERE data ? 'notice'`,
    );
    expect(notices).toHaveLength(COMMANDS / 5);
    const expected = notices.map((n) => n.entry).sort();
    for (const api of apis) expect(await feedEntries(api.baseUrl, token)).toEqual(expected);
    const { live, rebuilt } = await readModelsAndRebuild(pool, database.url);
    expect(live).toBe(rebuilt);

    expect(takeoverMs).toBeLessThan(TAKEOVER_MS);
    process.stdout.write(
      `projector killed with ${feedAtKill} notices in the feed, ${COMMANDS - BEFORE_KILL}/${COMMANDS} commands still to send: ` +
        `the standby held the lease ${takeoverMs} ms later and had moved the feed on at ${feedMovedMs} ms\n`,
    );
  });

  it('stops the standby cleanly on SIGTERM: exit 0, and the lease is free', async () => {
    const running = await holderPid();
    const survivor = projectors.find((p) => p.pid === running);
    if (!survivor) throw new Error(`no projector holds the lease (session of process ${String(running)})`);
    survivor.kill('SIGTERM');
    expect(await survivor.exited).toBe(0);
    expect(await leaseHolder(pool, CORRECTIONS_SUBSCRIBER)).toBeUndefined();
  });
});

/** Every entry of GET /corrections, paged to the end, as `articleId@revision`, sorted. */
async function feedEntries(baseUrl: string, token: string): Promise<string[]> {
  const entries: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await call(
      baseUrl,
      token,
      'GET',
      `/corrections?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(page.status).toBe(200);
    const body = page.body as { items: Array<{ articleId: string; revision: number }>; nextCursor: string | null };
    entries.push(...body.items.map((item) => `${item.articleId}@${item.revision}`));
    cursor = body.nextCursor;
  } while (cursor);
  return entries.sort();
}
