import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { decide, evolve, fold, redactEvent, redactStrings } from '@newsroom/articles';
import { EventStore, type EventToAppend, VERIFY_BATCH } from '@newsroom/event-store';
import { streamIdOf, toArticleEvent } from '../../apps/newsroom-api/src/articles/article-stream';
import { createSampleArticle, expectProblem } from '../support/articles-api';
import { runSampleScenario, type Scenario } from '../support/sample-scenario';
import { createTestApp, type TestApp } from '../support/test-app';

const run = promisify(execFile);

/** Runs `npm run audit:verify`'s script against a database; answers its exit code and output. */
async function auditVerify(databaseUrl: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'scripts/audit-verify.ts'],
      {
        env: { ...process.env, DATABASE_URL: databaseUrl, NODE_OPTIONS: '', TS_NODE_PROJECT: 'tsconfig.json' },
      },
    );
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, output: failed.stdout };
  }
}

describe('the tamper-evident log', () => {
  let t: TestApp;
  let s: Scenario;
  let auditor: string;
  const audit = (token = auditor) => t.http().get(`/articles/${s.id}/audit`).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await createTestApp();
    s = await runSampleScenario(t);
    auditor = await t.token('audrey', 'auditor');
  });
  afterAll(() => t.close());

  it('verifies an untouched article, for auditors and editors only', async () => {
    const res = await audit();
    expect(res.body).toEqual({ verified: true, revisions: 8, headHash: expect.stringMatching(/^[0-9a-f]{64}$/), redactions: [] });
    expect((await audit(s.editor)).status).toBe(200);
    expectProblem(await audit(s.reporter), 403);
    expect((await auditVerify(t.database.url)).code).toBe(0);
  });

  /** Changes an event's data behind the API's back, as a superuser who lifts the immutability trigger could. */
  async function tamper(articleId: string, revision: number, set: string): Promise<void> {
    const superuser = new Client({ connectionString: t.database.url });
    await superuser.connect();
    try {
      await superuser.query('ALTER TABLE events DISABLE TRIGGER events_are_immutable');
      await superuser.query(`UPDATE events SET data = ${set} WHERE stream_id = $1 AND revision = $2`, [
        `article-${articleId}`,
        revision,
      ]);
      await superuser.query('ALTER TABLE events ENABLE TRIGGER events_are_immutable');
    } finally {
      await superuser.end();
    }
  }

  it('verifies a story longer than one batch of the audit, and catches an event altered in a later batch', async () => {
    const id = await createSampleArticle(t, s.editor);
    const revisions = VERIFY_BATCH + 5;
    await appendCorrections(id, revisions - 1);
    const auditOf = () => t.http().get(`/articles/${id}/audit`).set('Authorization', `Bearer ${auditor}`);
    expect((await auditOf()).body).toEqual({
      verified: true,
      revisions,
      headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      redactions: [],
    });
    await tamper(id, VERIFY_BATCH + 3, `jsonb_set(data, '{replacement}', '"Friday"')`);
    expect((await auditOf()).body).toEqual({ verified: false, revisions, brokenAt: VERIFY_BATCH + 3, redactions: [] });
  });

  /**
   * `count` text corrections decided by the domain, appended straight to the log in one batch: the
   * audit reads nothing else, and a thousand commands through HTTP cost the suite half a minute.
   */
  async function appendCorrections(id: string, count: number): Promise<void> {
    const store = t.app.get(EventStore);
    let state = fold(id, (await store.readStream(streamIdOf(id))).map(toArticleEvent));
    const events: EventToAppend[] = [];
    for (let n = 1; n <= count; n++) {
      const [find, replace] = n % 2 === 1 ? ['Wednesday', 'Thursday'] : ['Thursday', 'Wednesday'];
      const event = decide({ type: 'CorrectText', find, replace }, state, { actor: { id: 'eddie', roles: ['editor'] } })!;
      state = evolve(state, { revision: state.revision + 1, recordedAt: new Date().toISOString(), event });
      events.push({
        type: event.type,
        data: { ...event.data },
        metadata: { actor: 'eddie', reason: `Edit ${n}`, schemaVersion: 1 },
      });
    }
    await store.append(streamIdOf(id), events, { expectedRevision: 1 });
  }

  it('catches an event altered behind the API’s back at exactly that revision', async () => {
    await tamper(s.id, 3, `jsonb_set(data, '{replacement}', '"Fox''s Matthew Chance"')`);
    const res = await audit();
    expect(res.body).toEqual({ verified: false, revisions: 8, brokenAt: 3, redactions: [] });
    const verify = await auditVerify(t.database.url);
    expect(verify.code).toBe(1);
    expect(verify.output).toContain(`article-${s.id}: the chain does not hold at revision 3`);
  });

  it('verifies a story after a passage was redacted from its log, lists the redaction, and still catches tampering at that revision', async () => {
    const id = await createSampleArticle(t, s.editor);
    const store = t.app.get(EventStore);
    const stream = await store.readStream(streamIdOf(id));
    const passage = 'Matthew Chance';
    const rewrites = stream.flatMap((event) => {
      const redacted = redactEvent(toArticleEvent(event).event, passage);
      return redacted
        ? [{ revision: event.revision, data: { ...redacted.data }, metadata: redactStrings(event.metadata, passage) }]
        : [];
    });
    expect(rewrites.map((r) => r.revision)).toEqual([1]);
    await store.transaction((client) =>
      store.redact(
        streamIdOf(id),
        rewrites,
        {
          type: 'Noted',
          data: { authority: 'High Court, case 7' },
          metadata: { actor: 'lena', reason: 'injunction', schemaVersion: 1 },
        },
        { expectedRevision: stream.length },
        client,
      ),
    );
    const events = await t.http().get(`/articles/${id}/events`).set('Authorization', `Bearer ${auditor}`);
    expect(JSON.stringify(events.body)).not.toContain(passage);
    expect(JSON.stringify(events.body)).toContain('[redacted]');
    const auditOf = () => t.http().get(`/articles/${id}/audit`).set('Authorization', `Bearer ${auditor}`);
    expect((await auditOf()).body).toEqual({
      verified: true,
      revisions: stream.length + 1,
      headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      redactions: [
        {
          revision: stream.length + 1,
          recordedAt: expect.any(String),
          actor: 'lena',
          reason: 'injunction',
          authority: 'High Court, case 7',
          redactedRevisions: [1],
        },
      ],
    });
    // The earlier tests left another story broken: this one is listed as redacted, not as broken.
    const verify = await auditVerify(t.database.url);
    expect(verify.output).not.toContain(`BROKEN article-${id}`);
    expect(verify.output).toMatch(
      new RegExp(
        `REDACTED article-${id}: revision 1 by lena at \\S+Z under "High Court, case 7" \\(record: revision ${stream.length + 1}\\)`,
      ),
    );

    await tamper(id, 1, `jsonb_set(data, '{byline}', '"Mallory"')`);
    expect((await auditOf()).body).toMatchObject({
      verified: false,
      revisions: stream.length + 1,
      brokenAt: 1,
      redactions: [{ redactedRevisions: [1] }],
    });
  });
});
