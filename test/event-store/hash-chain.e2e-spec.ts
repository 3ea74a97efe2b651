import { createHash } from 'node:crypto';
import { verifyLog, verifyStream } from '@newsroom/event-store';
import { rowsReadFrom, sentQueries } from './sent-queries';
import { noted, notes, useEventStore } from './store-fixture';

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
    // The same content in two streams: the same hash but for the salt, which the store and the table each draw.
    const { rows } = await s.pool.query(
      `SELECT encode(hash, 'hex') AS hash, content_digest = event_content_digest(salt, data, metadata) AS digested,
              hash = event_hash(1, type, content_digest, ''::bytea) AS hashed
       FROM events WHERE revision = 1 AND stream_id IN ('chain-2', 'chain-3') ORDER BY stream_id`,
    );
    expect(rows.map((r) => [r.digested, r.hashed])).toEqual([
      [true, true],
      [true, true],
    ]);
    expect(rows[0].hash).not.toBe(rows[1].hash);
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

  it('checks a stream longer than one batch a batch at a time, with the verdict of one pass', async () => {
    await s.store.append('chain-8', notes(1, 7), { expectedRevision: 'no-stream' });
    const whole = await verifyStream(s.pool, 'chain-8');
    expect(whole).toMatchObject({ verified: true, revisions: 7 });
    for (const batchSize of [1, 2, 3, 7]) expect(await verifyStream(s.pool, 'chain-8', batchSize)).toEqual(whole);
  });

  it('reads no more than a batch per statement, whatever stale statistics say of the stream', async () => {
    await s.pool.query('ANALYZE events');
    await s.store.append('chain-long', notes(1, 2500), { expectedRevision: 'no-stream' });
    const sent = await sentQueries(s.pool, () => verifyStream(s.pool, 'chain-long', 1000));
    expect(sent).toHaveLength(3);
    // Each batch's rows, and the one row after it that says there is more.
    const read = await Promise.all(sent.map((statement) => rowsReadFrom(s.pool, statement, 'events')));
    expect(read).toEqual([1001, 1001, 500]);
  });

  it('catches an event altered, or one removed, in a later batch, at that revision', async () => {
    await s.store.append('chain-9', notes(1, 7), { expectedRevision: 'no-stream' });
    await s.store.append('chain-10', notes(1, 7), { expectedRevision: 'no-stream' });
    await s.pool.query('ALTER TABLE events DISABLE TRIGGER events_are_immutable');
    await s.pool.query(`UPDATE events SET data = '{"n": 60}' WHERE stream_id = 'chain-9' AND revision = 6`);
    // In batches of 3 the gap falls between two batches (…3 | 5…): the check crosses from one to the next.
    await s.pool.query(`DELETE FROM events WHERE stream_id = 'chain-10' AND revision = 4`);
    await s.pool.query('ALTER TABLE events ENABLE TRIGGER events_are_immutable');
    expect(await verifyStream(s.pool, 'chain-9', 2)).toEqual({ verified: false, revisions: 7, brokenAt: 6 });
    expect(await verifyStream(s.pool, 'chain-10', 2)).toEqual({ verified: false, revisions: 6, brokenAt: 5 });
    expect(await verifyStream(s.pool, 'chain-10', 3)).toEqual({ verified: false, revisions: 6, brokenAt: 5 });
  });

  it('is the documented SHA-256 of revision, type, content digest and previous hash, one per line, the digest salted per event', async () => {
    await s.store.append('chain-6', [noted(1), noted(2)], { expectedRevision: 'no-stream' });
    const { rows } = await s.pool.query<{
      revision: number;
      type: string;
      data: string;
      metadata: string;
      salt: Buffer;
      content_digest: Buffer;
      hash: Buffer;
    }>(
      `SELECT revision, type, data::text AS data, metadata::text AS metadata, salt, content_digest, hash
       FROM events WHERE stream_id = 'chain-6' ORDER BY revision`,
    );
    let previous = '';
    for (const row of rows) {
      const digest = createHash('sha256').update(row.salt).update(`${row.data}\n${row.metadata}`).digest();
      expect(row.content_digest.equals(digest)).toBe(true);
      const expected = createHash('sha256')
        .update(`${row.revision}\n${row.type}\n${digest.toString('hex')}\n${previous}`)
        .digest();
      expect(row.hash.equals(expected)).toBe(true);
      previous = expected.toString('hex');
    }
    expect(rows[0].salt).toHaveLength(16);
    expect(rows[0].salt.equals(rows[1].salt)).toBe(false);
  });

  it('is inlined into the append: the hash and the digest are plain expressions, not function calls', async () => {
    await s.store.append('chain-7', [noted(1), noted(2)], { expectedRevision: 'no-stream' });
    const plan = await s.pool.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN VERBOSE SELECT event_hash(revision, type, event_content_digest(salt, data, metadata), ''::bytea)
       FROM events WHERE stream_id = 'chain-7'`,
    );
    const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toContain('sha256(convert_to(');
    expect(text).not.toContain('event_hash(');
    expect(text).not.toContain('event_content_digest(');
  });
});
