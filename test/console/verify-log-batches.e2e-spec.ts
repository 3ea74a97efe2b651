import { Client, Pool } from 'pg';
import { verifyLog } from '@newsroom/event-store';
import { runSampleScenario } from '../support/sample-scenario';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * `npm run audit:verify` checks the log a batch of streams per statement, so that it can show its
 * progress: the verdict is the same as in one pass, whatever the batch, and progress reaches the total.
 */
describe('verifying the whole log in batches of streams', () => {
  let t: TestApp;
  let pool: Pool;
  const streams: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    pool = new Pool({ connectionString: t.database.url, max: 2 });
    for (let i = 0; i < 3; i++) streams.push(`article-${(await runSampleScenario(t)).id}`);
    streams.sort();
  });
  afterAll(async () => {
    await pool.end();
    await t.close();
  });

  it('reports progress after each batch, up to the log’s total', async () => {
    const reports: Array<[number, number]> = [];
    const audit = await verifyLog(pool, { streamsPerBatch: 2, onProgress: (done, total) => reports.push([done, total]) });
    const events = await t.log.count();
    expect(audit).toEqual({ streams: 3, events, broken: [] });
    expect(reports).toEqual([
      [(events / 3) * 2, events],
      [events, events],
    ]);
  });

  it('finds a stream altered behind the API’s back, in whichever batch it falls', async () => {
    const superuser = new Client({ connectionString: t.database.url });
    await superuser.connect();
    try {
      await superuser.query('ALTER TABLE events DISABLE TRIGGER events_are_immutable');
      await superuser.query(`UPDATE events SET data = jsonb_set(data, '{reason}', '"x"') WHERE stream_id = $1 AND revision = 4`, [
        streams[2],
      ]);
      await superuser.query('ALTER TABLE events ENABLE TRIGGER events_are_immutable');
    } finally {
      await superuser.end();
    }
    for (const streamsPerBatch of [1, 2, 500]) {
      const audit = await verifyLog(pool, { streamsPerBatch });
      expect({ streamsPerBatch, broken: audit.broken }).toEqual({
        streamsPerBatch,
        broken: [{ streamId: streams[2], revisions: 8, brokenAt: 4 }],
      });
    }
  });
});
