import { Pool } from 'pg';
import { SERVED_TABLES } from '../../apps/newsroom-api/src/articles/projections/read-model-writer';
import { rebuildProjections } from '../../apps/newsroom-api/src/articles/projections/rebuild/rebuild-projections';
import { createSampleArticle } from '../support/articles-api';
import { dumpReadModels } from '../support/read-models';
import { runSampleScenario, type Scenario } from '../support/sample-scenario';
import { createTestApp, type TestApp } from '../support/test-app';

/** Every read endpoint of one article, as the API answers them. */
async function readEverything(t: TestApp, s: Scenario, token: string): Promise<string> {
  const get = async (path: string) => JSON.stringify((await t.http().get(path).set('Authorization', `Bearer ${token}`)).body);
  const paths = [
    `/articles/${s.id}`,
    `/articles/${s.id}/revisions`,
    `/articles/${s.id}/events`,
    `/articles/${s.id}/diff?from=1&to=8`,
    '/corrections',
    '/articles',
  ];
  for (let n = 1; n <= 8; n++) paths.push(`/articles/${s.id}?revision=${n}`, `/articles/${s.id}/revisions/${n}`);
  return (await Promise.all(paths.map(get))).join('\n');
}

/** The read-model tables' indexes and constraints, by name and definition. */
async function readModelSchema(pool: Pool): Promise<string[]> {
  const { rows } = await pool.query<{ line: string }>(
    `SELECT 'index ' || indexname || ': ' || indexdef AS line FROM pg_indexes WHERE tablename = ANY($1)
     UNION ALL
     SELECT 'constraint ' || conname || ': ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid::regclass::text = ANY($1)
     ORDER BY 1`,
    [Object.values(SERVED_TABLES)],
  );
  expect(rows.filter((row) => row.line.includes('PRIMARY KEY')).length).toBe(Object.values(SERVED_TABLES).length);
  return rows.map((row) => row.line);
}

describe('projections:rebuild', () => {
  let t: TestApp;
  let pool: Pool;
  let s: Scenario;
  let auditor: string;

  beforeAll(async () => {
    t = await createTestApp();
    pool = new Pool({ connectionString: t.database.url, max: 4 });
    s = await runSampleScenario(t);
    auditor = await t.token('audrey', 'auditor');
    for (let i = 0; i < 3; i++) await createSampleArticle(t, s.editor);
  });
  afterAll(async () => {
    await pool.end();
    await t.close();
  });

  it('rebuilds tables and answers equal byte for byte to those built live, twice over', async () => {
    // Reading first lets the corrections follower catch up (GET /corrections waits for it).
    const reads = await readEverything(t, s, auditor);
    const tables = await dumpReadModels(pool);
    // The fields each revision changed are among the tables compared: the creations' and the edits'.
    const { rows: fields } = await pool.query(
      `SELECT count(DISTINCT (article_id, revision))::int AS n FROM article_field_changes`,
    );
    expect(fields[0].n).toBeGreaterThanOrEqual(4 + 3);
    const schema = await readModelSchema(pool);
    const report = await rebuildProjections(pool, t.database.url, { batchSize: 3 });
    expect(report.events).toBe(8 + 3);
    expect(await dumpReadModels(pool)).toBe(tables);
    // The copies are filled bare and indexed afterwards: the swapped-in tables must end up with
    // every index and key of the served ones, under the same names.
    expect(await readModelSchema(pool)).toEqual(schema);
    expect(await readEverything(t, s, auditor)).toBe(reads);
    await rebuildProjections(pool, t.database.url);
    expect(await dumpReadModels(pool)).toBe(tables);
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename LIKE '%_rebuild'`);
    expect(rows[0].n).toBe(0);
  });

  it('keeps serving and loses nothing when commands arrive during the rebuild; a second rebuild is refused', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const rebuilding = rebuildProjections(pool, t.database.url, { batchSize: 1, throttleMs: 100, onProgress: () => started() });
    await running;
    await expect(rebuildProjections(pool, t.database.url)).rejects.toThrow(/Another projections rebuild is running/);
    const edits = [];
    for (let i = 0; i < 10; i++) {
      const res = await t
        .http()
        .post(`/articles/${s.id}/categories`)
        .set('Authorization', `Bearer ${s.editor}`)
        .send({ label: `During ${i}` });
      expect(res.status).toBe(200);
      const read = await t.http().get(`/articles/${s.id}`).set('Authorization', `Bearer ${auditor}`);
      expect(read.body.revision).toBe(res.body.revision);
      edits.push(res.body.revision);
    }
    const report = await rebuilding;
    expect(report.caughtUp).toBeGreaterThan(0);
    const live = await dumpReadModels(pool);
    await rebuildProjections(pool, t.database.url);
    expect(await dumpReadModels(pool)).toBe(live);
    const current = await t.http().get(`/articles/${s.id}`).set('Authorization', `Bearer ${auditor}`);
    expect(current.body.revision).toBe(edits[edits.length - 1]);
  });
});
