import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { expectProblem } from '../support/articles-api';
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
    expect(res.body).toEqual({ verified: true, revisions: 8, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await audit(s.editor)).status).toBe(200);
    expectProblem(await audit(s.reporter), 403);
    expect((await auditVerify(t.database.url)).code).toBe(0);
  });

  it('catches an event altered behind the API’s back at exactly that revision', async () => {
    const superuser = new Client({ connectionString: t.database.url });
    await superuser.connect();
    try {
      await superuser.query('ALTER TABLE events DISABLE TRIGGER events_are_immutable');
      await superuser.query(
        `UPDATE events SET data = jsonb_set(data, '{replacement}', '"Fox''s Matthew Chance"') WHERE stream_id = $1 AND revision = 3`,
        [`article-${s.id}`],
      );
      await superuser.query('ALTER TABLE events ENABLE TRIGGER events_are_immutable');
    } finally {
      await superuser.end();
    }
    const res = await audit();
    expect(res.body).toEqual({ verified: false, revisions: 8, brokenAt: 3 });
    const verify = await auditVerify(t.database.url);
    expect(verify.code).toBe(1);
    expect(verify.output).toContain(`article-${s.id}: the chain does not hold at revision 3`);
  });
});
