import { Client } from 'pg';
import { createSampleArticle } from '../support/articles-api';
import { createTestApp, type TestApp } from '../support/test-app';

/** Racing writers over real connections: none lost without If-Match, one winner with it on the same thing. */
describe('concurrent commands on one article', () => {
  let t: TestApp;
  let editor: string;

  beforeAll(async () => {
    t = await createTestApp();
    editor = await t.token('eddie', 'editor');
  });
  afterAll(() => t.close());

  /** `count` category adds sent at once to article `id`, each with `ifMatch` when given. */
  const racingAdds = (id: string, count: number, body: (i: number) => object, ifMatch?: string) =>
    Promise.all(
      Array.from({ length: count }, (_, i) => {
        const request = t.http().post(`/articles/${id}/categories`).set('Authorization', `Bearer ${editor}`);
        return (ifMatch === undefined ? request : request.set('If-Match', ifMatch)).send(body(i));
      }),
    );

  it('applies 20 concurrent commands without If-Match as 20 revisions', async () => {
    const id = await createSampleArticle(t, editor);
    const results = await racingAdds(id, 20, (i) => ({ label: `Topic ${i}`, reason: 'race' }));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const events = await t.log.stream(id);
    expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    const current = await t.http().get(`/articles/${id}`).set('Authorization', `Bearer ${editor}`);
    expect(current.body.revision).toBe(21);
    expect(current.body.categories).toHaveLength(20);
  });

  it('lets exactly one of 8 writers with the same If-Match win when they touch the same thing', async () => {
    const id = await createSampleArticle(t, editor);
    // Same slug, each its own (house) code: a medtop: code would have to be a real Media Topic.
    const results = await racingAdds(id, 8, (i) => ({ label: 'Diplomacy', code: `house:diplomacy-${i}` }), '"1"');
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 412, 412, 412, 412, 412, 412, 412]);
    expect((await t.log.stream(id)).map((e) => e.revision)).toEqual([1, 2]);
  });

  it('applies all of 8 writers with the same If-Match when each touches something else (they merge)', async () => {
    const id = await createSampleArticle(t, editor);
    const results = await racingAdds(id, 8, (i) => ({ label: `Topic ${i}` }), '"1"');
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(results.filter((r) => r.headers['merged-from'] === '1')).toHaveLength(7);
    expect((await t.log.stream(id)).map((e) => e.revision)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('applies all of 8 writers with If-Match: * (any revision of an existing article satisfies it)', async () => {
    const id = await createSampleArticle(t, editor);
    const results = await racingAdds(id, 8, (i) => ({ label: `Topic ${i}` }), '*');
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect((await t.log.stream(id)).map((e) => e.revision)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('Idempotency-Key', () => {
  let t: TestApp;
  let editor: string;
  let id: string;

  beforeAll(async () => {
    t = await createTestApp();
    editor = await t.token('eddie', 'editor');
    id = await createSampleArticle(t, editor);
  });
  afterAll(() => t.close());

  const fix = (key: string, body: Record<string, unknown>) =>
    t
      .http()
      .post(`/articles/${id}/text-corrections`)
      .set('Authorization', `Bearer ${editor}`)
      .set('Idempotency-Key', key)
      .send(body);
  const correction = {
    find: 'a La Casa official said. White.',
    replace: 'a White House official said.',
    reason: 'Mistranslation',
  };

  it('replays the first answer to a repeat and appends nothing', async () => {
    const first = await fix('fix-1', correction);
    expect(first.status).toBe(200);
    const count = await t.log.count();
    const again = await fix('fix-1', correction);
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await t.log.count()).toBe(count);
  });

  it('replays the first answer after later edits, read again from its revision: the record keeps no copy of the text', async () => {
    const first = await fix('fix-later', { find: 'Geneva', replace: 'Genève', reason: 'House style' });
    expect(first.status).toBe(200);
    const later = await t
      .http()
      .post(`/articles/${id}/categories`)
      .set('Authorization', `Bearer ${editor}`)
      .send({ label: 'Later' });
    expect(later.body.revision).toBe(first.body.revision + 1);
    const again = await fix('fix-later', { find: 'Geneva', replace: 'Genève', reason: 'House style' });
    expect([again.status, again.headers['idempotent-replayed'], again.headers.etag]).toEqual([200, 'true', first.headers.etag]);
    expect(again.body).toEqual(first.body);
    const [stored] = await storedAnswers('fix-later');
    expect(JSON.parse(stored)).toEqual({ answered: { article: id, revision: first.body.revision } });
  });

  it('still replays answers that earlier versions stored whole, with their Merged-From', async () => {
    const request = { find: 'a White House official said.', replace: 'a White House official said, unnamed.', reason: 'Source' };
    const first = await fix('stored-whole', request);
    expect(first.status).toBe(200);
    // As rows written before answers were references hold them: the body itself, here marked.
    const whole = { ...first.body, headline: 'Stored whole' };
    await storeAnswer('stored-whole', JSON.stringify({ merged: { from: 1 }, answer: whole }));
    const again = await fix('stored-whole', request);
    expect([again.status, again.headers['merged-from']]).toEqual([200, '1']);
    expect(again.body).toEqual(whole);
    await storeAnswer('stored-whole', JSON.stringify(whole));
    const bare = await fix('stored-whole', request);
    expect([bare.body, bare.headers['merged-from']]).toEqual([whole, undefined]);
  });

  async function storedAnswers(key: string): Promise<string[]> {
    const client = new Client({ connectionString: t.database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ body: string }>('SELECT body FROM idempotency_records WHERE key = $1', [key]);
      return rows.map((row) => row.body);
    } finally {
      await client.end();
    }
  }

  async function storeAnswer(key: string, body: string): Promise<void> {
    const client = new Client({ connectionString: t.database.url });
    await client.connect();
    try {
      await client.query('UPDATE idempotency_records SET body = $2 WHERE key = $1', [key, body]);
    } finally {
      await client.end();
    }
  }

  it('records the key on the event, prefixed by its actor (keys are unique per actor)', async () => {
    const events = await t.http().get(`/articles/${id}/events`).set('Authorization', `Bearer ${editor}`);
    const fixed = (events.body.items as Array<{ type: string; metadata: { idempotencyKey: string | null } }>).find(
      (e) => e.type === 'TextCorrected',
    );
    expect(fixed?.metadata.idempotencyKey).toBe('eddie\u241ffix-1');
  });

  it('refuses the same key with another request (422)', async () => {
    const res = await fix('fix-1', { ...correction, reason: 'Another reason' });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('writes once when the same key races itself', async () => {
    const count = await t.log.count();
    const body = { label: 'Cybersecurity', reason: 'race' };
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        t
          .http()
          .post(`/articles/${id}/categories`)
          .set('Authorization', `Bearer ${editor}`)
          .set('Idempotency-Key', 'cat-1')
          .send(body),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(200));
    expect(new Set(results.map((r) => r.body.revision)).size).toBe(1);
    expect(await t.log.count()).toBe(count + 1);
  });

  it('writes once when the same key races itself with two different requests: the rest replay the winner or get 422', async () => {
    const count = await t.log.count();
    const bodies = [
      { label: 'Elections', reason: 'race, first body' },
      { label: 'Energy', reason: 'race, second body' },
    ];
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t
          .http()
          .post(`/articles/${id}/categories`)
          .set('Authorization', `Bearer ${editor}`)
          .set('Idempotency-Key', 'cat-two-bodies')
          .send(bodies[i % 2]),
      ),
    );
    expect(await t.log.count()).toBe(count + 1);
    const answered = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status !== 200);
    expect(refused.map((r) => r.status)).toEqual(refused.map(() => 422));
    expect(new Set(answered.map((r) => r.body.revision)).size).toBe(1);
    expect(answered.filter((r) => r.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
    // Every 200 is the one applied request's answer; each 422 sent the other body.
    const winner = answered[0].body.categories.map((c: { label: string }) => c.label);
    const winning = bodies.find((b) => winner.includes(b.label) && !winner.includes(bodies.find((o) => o !== b)?.label));
    expect(winning).toBeDefined();
    expect(results.every((r, i) => (r.status === 200) === (bodies[i % 2] === winning))).toBe(true);
  });

  it('writes once when the same key races itself on two articles', async () => {
    const other = await createSampleArticle(t, editor);
    const count = await t.log.count();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        t
          .http()
          .post(`/articles/${i % 2 ? other : id}/categories`)
          .set('Authorization', `Bearer ${editor}`)
          .set('Idempotency-Key', 'cat-two-articles')
          .send({ label: 'Health', reason: 'race on two articles' }),
      ),
    );
    expect(await t.log.count()).toBe(count + 1);
    const answered = results.filter((r) => r.status === 200);
    expect(results.filter((r) => r.status !== 200).map((r) => r.status)).toEqual(Array(6 - answered.length).fill(422));
    expect(new Set(answered.map((r) => `${r.body.id} ${r.body.revision}`)).size).toBe(1);
  });

  it('replays a creation with 201 and the same article', async () => {
    const create = () =>
      t
        .http()
        .post('/articles')
        .set('Authorization', `Bearer ${editor}`)
        .set('Idempotency-Key', 'create-1')
        .send({ body: 'One paragraph.' });
    const first = await create();
    const again = await create();
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.location).toBe(first.headers.location);
  });

  it('records X-Request-Id as the correlation id', async () => {
    const res = await t
      .http()
      .post(`/articles/${id}/categories`)
      .set('Authorization', `Bearer ${editor}`)
      .set('X-Request-Id', 'req-abc-123')
      .send({ label: 'Geneva' });
    expect(res.headers['x-request-id']).toBe('req-abc-123');
    const events = await t.log.stream(id);
    expect(events[events.length - 1].metadata).toMatchObject({ correlationId: 'req-abc-123', actor: 'eddie' });
  });
});
