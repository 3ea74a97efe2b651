import { isDeepStrictEqual } from 'node:util';
import { Pool } from 'pg';
import { issueToken } from '../../apps/newsroom-api/src/auth/token-issuer';
import { type ApiProcess, startApiProcess, stopApiProcess } from '../support/api-process';
import { TEST_SECRET } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import {
  type Answer,
  articleBody,
  call,
  type Outcome,
  type PlannedCommand,
  plannedCommands,
  runLoad,
  send,
} from './command-load';
import { feedCaughtUp } from './feed-caught-up';
import { eventsByKey, readModelsAndRebuild, streamsWithGaps } from './log-invariants';

const ACTOR = 'eddie';
const ARTICLES = 4;
const COMMANDS = 160;
const CLIENTS = 8;
/** Killed after this many answers: well before the end, with CLIENTS commands still in flight. */
const KILL_AFTER = 50;
/** Two starts of the API from source dominate; on a busy shared machine each may take 20 s. */
const SETUP_TIMEOUT_MS = 150_000;

type Answered = Outcome & { answer: Answer };

/**
 * The API process SIGKILLed mid-load: no graceful shutdown, transactions cut wherever they were.
 * What the clients were told must hold in the log, and the unanswered commands must be safe to
 * retry under their keys. The tests run in order on the one crash of `beforeAll`.
 */
describe('the API process killed under a load of commands, then restarted', () => {
  let database: TestDatabase;
  let pool: Pool;
  /** Whichever process runs now, for the clean-up. */
  let api: ApiProcess | undefined;
  let restarted: ApiProcess;
  let token: string;
  let commands: PlannedCommand[];
  let answered: Answered[];
  let unanswered: Outcome[];

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url, max: 4 });
    token = await issueToken(TEST_SECRET, { sub: ACTOR, roles: ['editor'] });

    const killed = await startApiProcess(database.url);
    api = killed;
    const ids: string[] = [];
    for (let a = 0; a < ARTICLES; a++) {
      const created = await call(killed.baseUrl, token, 'POST', '/articles', {
        body: { headline: `Load ${a}`, body: articleBody(a, ARTICLES, COMMANDS) },
      });
      if (created.status !== 201) throw new Error(`creating an article failed: ${created.status}`);
      ids.push((created.body as { id: string }).id);
    }
    commands = plannedCommands(ids, COMMANDS, 'killed');
    const outcomes = await runLoad({
      baseUrl: killed.baseUrl,
      token,
      commands,
      clients: CLIENTS,
      halt: (so) => {
        if (so.filter((o) => o.answer).length < KILL_AFTER) return false;
        killed.kill('SIGKILL');
        return true;
      },
    });
    if ((await killed.exited) !== 'SIGKILL') throw new Error(`the API was not killed:\n${killed.output()}`);
    answered = outcomes.filter((o): o is Answered => o.answer !== undefined);
    unanswered = outcomes.filter((o) => o.answer === undefined);

    restarted = await startApiProcess(database.url);
    api = restarted;
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await stopApiProcess(api);
    await pool.end();
    await database.drop();
  });

  it('was killed mid-way, after only successes', () => {
    expect(answered.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(unanswered.length).toBeGreaterThan(0);
    // A 409 or 5xx before the kill would be a defect of its own.
    expect(answered.filter((o) => o.answer.status !== 200).map((o) => [o.command.key, o.answer.status, o.answer.body])).toEqual(
      [],
    );
  });

  it('has the event of every command answered 2xx, at the revision it answered, with no gaps', async () => {
    const logged = await eventsByKey(
      pool,
      ACTOR,
      answered.map((o) => o.command.key),
    );
    const mismatches = answered.filter((o) => {
      const events = logged.get(o.command.key) ?? [];
      const told = (o.answer.body as { revision: number }).revision;
      return events.length !== 1 || events[0].streamId !== `article-${o.command.articleId}` || events[0].revision !== told;
    });
    expect(mismatches.map((o) => o.command.key)).toEqual([]);
    expect(await streamsWithGaps(pool)).toEqual([]);
  });

  it('serves read models equal to a fresh rebuild from the log', async () => {
    await feedCaughtUp(restarted.baseUrl, token);
    const { live, rebuilt } = await readModelsAndRebuild(pool, database.url);
    expect(live).toBe(rebuilt);
  });

  it('appends nothing twice when every command is retried under its key', async () => {
    const baseUrl = restarted.baseUrl;
    const retried = new Map<string, Answer>();
    const queue = [...answered, ...unanswered];
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let o = queue.shift(); o; o = queue.shift()) retried.set(o.command.key, await send(baseUrl, token, o.command));
      }),
    );
    // The answered replay their first answer: the same JSON value, if not the same bytes (the
    // stored answer is jsonb, which orders keys its own way).
    const badReplays = answered.filter((o) => {
      const again = retried.get(o.command.key);
      return !again || again.status !== o.answer.status || !again.replayed || !isDeepStrictEqual(again.body, o.answer.body);
    });
    expect(badReplays.map((o) => o.command.key)).toEqual([]);
    // The unanswered either landed before the kill (and replay) or land now.
    expect(unanswered.filter((o) => retried.get(o.command.key)?.status !== 200).map((o) => o.command.key)).toEqual([]);

    const perKey = await eventsByKey(
      pool,
      ACTOR,
      commands.map((c) => c.key),
    );
    expect([...perKey].filter(([, events]) => events.length !== 1).map(([key, events]) => [key, events.length])).toEqual([]);
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
    expect(rows[0].n).toBe(ARTICLES + COMMANDS);
    expect(await streamsWithGaps(pool)).toEqual([]);

    await feedCaughtUp(baseUrl, token);
    const { live, rebuilt } = await readModelsAndRebuild(pool, database.url);
    expect(live).toBe(rebuilt);
  });
});
