import { readRedactionRecords, verifyLog, verifyStream, type EventToAppend } from '@newsroom/event-store';
import { noted, notes, useEventStore } from './store-fixture';

/**
 * The one sanctioned rewrite of stored events: redact_event, called by the store's `redact`
 * in a transaction that also appends the redaction record listing what it rewrote.
 */
describe('redacting events', () => {
  const s = useEventStore();

  const record = (authority: string): EventToAppend => ({
    type: 'Redacted',
    data: { authority },
    metadata: { schemaVersion: 1, actor: 'lena', reason: 'court order' },
  });

  /** Rewrites revisions of a stream to `{ n: "[redacted]" }` and appends the record after `head`. */
  function redact(streamId: string, revisions: number[], head: number, authority = 'High Court, case 7') {
    return s.store.transaction((client) =>
      s.store.redact(
        streamId,
        revisions.map((revision) => ({ revision, data: { n: '[redacted]' }, metadata: { schemaVersion: 1, actor: 'alice' } })),
        record(authority),
        { expectedRevision: head },
        client,
      ),
    );
  }

  /** What someone with the table owner's rights could do: every trigger of ours off. */
  async function tamper(statement: string, triggers = 'USER'): Promise<void> {
    await s.pool.query(`ALTER TABLE events DISABLE TRIGGER ${triggers}`);
    try {
      await s.pool.query(statement);
    } finally {
      await s.pool.query(`ALTER TABLE events ENABLE TRIGGER ${triggers}`);
    }
  }

  it('rewrites the content, keeps digest and hash, and the chain still verifies with the record listing it', async () => {
    await s.store.append('red-1', notes(1, 4), { expectedRevision: 'no-stream' });
    const before = await s.pool.query(
      `SELECT revision, salt, content_digest, hash FROM events WHERE stream_id = 'red-1' ORDER BY revision`,
    );
    const result = await redact('red-1', [1, 3], 4);
    expect(result.nextExpectedRevision).toBe(5);

    const events = await s.store.readStream('red-1');
    expect(events.map((e) => e.data)).toEqual([
      { n: '[redacted]' },
      { n: 2 },
      { n: '[redacted]' },
      { n: 4 },
      { authority: 'High Court, case 7' },
    ]);
    expect(events[4].metadata.redacts).toEqual([
      { revision: 1, digest: expect.stringMatching(/^[0-9a-f]{64}$/) },
      { revision: 3, digest: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    const after = await s.pool.query(
      `SELECT revision, salt, content_digest, hash FROM events WHERE stream_id = 'red-1' AND revision <= 4 ORDER BY revision`,
    );
    after.rows.forEach((row, i) => {
      expect(row.hash).toEqual(before.rows[i].hash);
      expect(row.content_digest).toEqual(before.rows[i].content_digest);
      // A redacted event's salt is drawn anew: the old one would let a reader confirm a guessed passage.
      expect(row.salt.equals(before.rows[i].salt)).toBe(![1, 3].includes(row.revision));
    });
    expect(await verifyStream(s.pool, 'red-1')).toMatchObject({ verified: true, revisions: 5 });
    const records = await readRedactionRecords(s.pool, 'red-1');
    expect(records).toEqual([
      {
        streamId: 'red-1',
        revision: 5,
        recordedAt: expect.any(Date),
        actor: 'lena',
        reason: 'court order',
        data: { authority: 'High Court, case 7' },
        redacted: [1, 3],
      },
    ]);
  });

  it('accepts only the latest redaction of an event: putting back an earlier redacted content is caught', async () => {
    await s.store.append('red-2', notes(1, 3), { expectedRevision: 'no-stream' });
    await redact('red-2', [2], 3);
    const first = await s.pool.query(`SELECT data, salt FROM events WHERE stream_id = 'red-2' AND revision = 2`);
    await s.store.transaction((client) =>
      s.store.redact(
        'red-2',
        [{ revision: 2, data: { n: '[redacted twice]' }, metadata: { schemaVersion: 1 } }],
        record('b'),
        { expectedRevision: 4 },
        client,
      ),
    );
    expect(await verifyStream(s.pool, 'red-2')).toMatchObject({ verified: true, revisions: 5 });
    await tamper(
      `UPDATE events SET data = '${JSON.stringify(first.rows[0].data)}', salt = '\\x${first.rows[0].salt.toString('hex')}' WHERE stream_id = 'red-2' AND revision = 2`,
    );
    expect(await verifyStream(s.pool, 'red-2')).toEqual({ verified: false, revisions: 5, brokenAt: 2 });
  });

  it.each([
    [
      'a byte of a redacted event’s data',
      `UPDATE events SET data = '{"n": "[redacted]!"}' WHERE stream_id = $S AND revision = 2`,
      2,
    ],
    [
      'a byte of a redacted event’s metadata',
      `UPDATE events SET metadata = metadata || '{"actor": "mallory"}' WHERE stream_id = $S AND revision = 2`,
      2,
    ],
    ['a byte of another event’s data', `UPDATE events SET data = '{"n": 30}' WHERE stream_id = $S AND revision = 3`, 3],
    ['the record’s authority', `UPDATE events SET data = '{"authority": "nobody"}' WHERE stream_id = $S AND revision = 5`, 5],
    [
      'the record’s reason',
      `UPDATE events SET metadata = metadata || '{"reason": "none"}' WHERE stream_id = $S AND revision = 5`,
      5,
    ],
    [
      'the order of two events',
      `UPDATE events SET revision = 100 WHERE stream_id = $S AND revision = 3;
       UPDATE events SET revision = 3 WHERE stream_id = $S AND revision = 4;
       UPDATE events SET revision = 4 WHERE stream_id = $S AND revision = 100`,
      3,
    ],
    ['a removed event', `DELETE FROM events WHERE stream_id = $S AND revision = 4`, 5],
    ['a redacted event’s salt', `UPDATE events SET salt = '\\x00' WHERE stream_id = $S AND revision = 2`, 2],
  ])('still catches %s after a redaction, at that revision', async (_, statement, brokenAt) => {
    const streamId = `red-tamper-${brokenAt}-${Math.random().toString(36).slice(2)}`;
    await s.store.append(streamId, notes(1, 4), { expectedRevision: 'no-stream' });
    await redact(streamId, [2], 4);
    expect(await verifyStream(s.pool, streamId)).toMatchObject({ verified: true });
    await tamper(statement.replaceAll('$S', `'${streamId}'`));
    expect(await verifyStream(s.pool, streamId)).toMatchObject({ verified: false, brokenAt });
    expect((await verifyLog(s.pool)).broken).toContainEqual(expect.objectContaining({ streamId, brokenAt }));
  });

  it('rewrites nothing when the record cannot be appended (the stream moved on)', async () => {
    await s.store.append('red-3', notes(1, 3), { expectedRevision: 'no-stream' });
    await expect(redact('red-3', [1], 2)).rejects.toThrow(/revision/);
    expect((await s.store.readStream('red-3')).map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('never redacts a redaction record, nor an event that is not there', async () => {
    await s.store.append('red-4', notes(1, 2), { expectedRevision: 'no-stream' });
    await redact('red-4', [1], 2);
    await expect(redact('red-4', [3], 3)).rejects.toThrow(/no redactable revision 3/);
    await expect(redact('red-4', [9], 3)).rejects.toThrow(/no redactable revision 9/);
    expect(await s.store.readStream('red-4', { fromRevision: 3 })).toMatchObject([{ data: { authority: 'High Court, case 7' } }]);
  });

  it('lets only redact_event update an event, and even it only the content', async () => {
    await s.store.append('red-5', [noted(1)], { expectedRevision: 'no-stream' });
    await expect(s.pool.query(`UPDATE events SET data = '{}' WHERE stream_id = 'red-5'`)).rejects.toThrow(
      /events are immutable: UPDATE refused/,
    );
    // A function of another name doing the same UPDATE is refused too.
    await s.pool.query(`
      CREATE FUNCTION pretend_redaction() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN UPDATE events SET data = '{}' WHERE stream_id = 'red-5'; END $$`);
    await expect(s.pool.query('SELECT pretend_redaction()')).rejects.toThrow(/events are immutable: UPDATE refused/);
    const immutable = 'events_are_immutable';
    await expect(tamper(`UPDATE events SET revision = 2 WHERE stream_id = 'red-5'`, immutable)).rejects.toThrow(
      /rewrites only an event's data and metadata/,
    );
    await expect(tamper(`UPDATE events SET hash = '\\x00' WHERE stream_id = 'red-5'`, immutable)).rejects.toThrow(
      /rewrites only/,
    );
    expect(await s.store.readStream('red-5')).toMatchObject([{ revision: 1, data: { n: 1 } }]);
  });
});
