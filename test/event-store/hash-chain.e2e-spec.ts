import { verifyLog, verifyStream } from '@newsroom/event-store';
import { noted, useEventStore } from './store-fixture';

describe('the hash chain', () => {
  const s = useEventStore();

  it('chains a batch appended in one statement and single appends after it', async () => {
    await s.store.append('chain-1', [noted(1), noted(2), noted(3)], { expectedRevision: 'no-stream' });
    await s.store.append('chain-1', [noted(4)], { expectedRevision: 3 });
    const audit = await verifyStream(s.pool, 'chain-1');
    expect(audit).toEqual({ verified: true, revisions: 4, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('is filled by the table itself for a writer that bypasses the store, and agrees with the store', async () => {
    await s.pool.query(
      `INSERT INTO events (stream_id, revision, type, data, metadata) VALUES ('chain-2', 1, 'Noted', '{"n": 1}', '{"schemaVersion": 1, "actor": "alice", "idempotencyKey": null}')`,
    );
    await s.store.append('chain-2', [noted(2)], { expectedRevision: 1 });
    await s.store.append('chain-3', [noted(1)], { expectedRevision: 'no-stream' });
    expect(await verifyStream(s.pool, 'chain-2')).toMatchObject({ verified: true, revisions: 2 });
    const { rows } = await s.pool.query(
      `SELECT stream_id, encode(hash, 'hex') AS hash FROM events WHERE revision = 1 AND stream_id IN ('chain-2', 'chain-3')`,
    );
    expect(rows[0].hash).toBe(rows[1].hash);
  });

  it('catches a hash supplied wrongly, and a removed event, at that revision', async () => {
    await s.pool.query(
      `INSERT INTO events (stream_id, revision, type, data, metadata, hash) VALUES ('chain-4', 1, 'Noted', '{}', '{}', sha256('forged'::bytea))`,
    );
    expect(await verifyStream(s.pool, 'chain-4')).toEqual({ verified: false, revisions: 1, brokenAt: 1 });
    await s.store.append('chain-5', [noted(1), noted(2), noted(3)], { expectedRevision: 'no-stream' });
    await s.pool.query('ALTER TABLE events DISABLE TRIGGER events_are_immutable');
    await s.pool.query(`DELETE FROM events WHERE stream_id = 'chain-5' AND revision = 2`);
    await s.pool.query('ALTER TABLE events ENABLE TRIGGER events_are_immutable');
    expect(await verifyStream(s.pool, 'chain-5')).toEqual({ verified: false, revisions: 2, brokenAt: 3 });
    const log = await verifyLog(s.pool);
    expect(log.broken.map((b) => [b.streamId, b.brokenAt])).toEqual([
      ['chain-4', 1],
      ['chain-5', 3],
    ]);
  });
});
