import { issueToken } from '../../apps/newsroom-api/src/auth/token-issuer';
import { createSampleArticle } from '../support/articles-api';
import { createTestApp, TEST_SECRET, type TestApp } from '../support/test-app';

/**
 * Edits made on an older revision (a stale If-Match) that still apply, over real concurrent
 * connections: merged when nothing they touch changed since, else 412 naming who changed it.
 */
describe('stale edits', () => {
  let t: TestApp;
  let anna: string;

  beforeAll(async () => {
    t = await createTestApp();
    anna = await issueToken(TEST_SECRET, { sub: 'anna', name: 'Anna Keller', roles: ['editor'] });
  });
  afterAll(() => t.close());

  const editorNamed = (i: number) => issueToken(TEST_SECRET, { sub: `editor-${i}`, name: `Editor ${i}`, roles: ['editor'] });
  const correct = (id: string, token: string, ifMatch: string, body: Record<string, unknown>) =>
    t
      .http()
      .post(`/articles/${id}/text-corrections`)
      .set('Authorization', `Bearer ${token}`)
      .set('If-Match', ifMatch)
      .send({ reason: 'Checked', ...body });
  /** The sample story (revision 1) with a headline Anna set (revision 2): If-Match "1" is stale. */
  const staleSample = async () => {
    const id = await createSampleArticle(t, anna);
    const headline = await t
      .http()
      .put(`/articles/${id}/headline`)
      .set('Authorization', `Bearer ${anna}`)
      .send({ headline: 'Biden and Putin end Geneva summit', reason: 'Headline' });
    expect(headline.status).toBe(200);
    return id;
  };

  it('merges 8 editors racing with the same stale If-Match, each on a different block, as 8 revisions', async () => {
    const id = await staleSample();
    const fixes: [string, string, string][] = [
      ['b1', 'more than four hours', 'nearly four hours'],
      ['b2', 'just over 90 minutes', 'about 90 minutes'],
      ['b3', 'press conference', 'news conference'],
      ['b4', 'anything to discuss', 'anything at all to discuss'],
      ['b5', 'a La Casa official said. White.', 'a White House official said.'],
      ['b6', 'Team Biden', 'President Biden’s team'],
      ['b8', 'consultations on cybersecurity', 'talks on cybersecurity'],
      ['b9', "Citizen Free Press's Matthew Chance", 'CNN’s Matthew Chance'],
    ];
    const results = await Promise.all(
      fixes.map(async ([blockId, find, replace], i) => correct(id, await editorNamed(i), '"1"', { blockId, find, replace })),
    );
    expect(results.map((r) => [r.status, r.headers['merged-from']])).toEqual(Array(8).fill([200, '1']));
    expect(results.map((r) => r.body.revision).sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect((await t.log.stream(id)).map((e) => e.revision)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const story = await t.http().get(`/articles/${id}`).set('Authorization', `Bearer ${anna}`);
    for (const [blockId, , replace] of fixes) {
      expect(story.body.blocks.find((b: { id: string }) => b.id === blockId).text).toContain(replace);
    }
    expect(story.body.headline).toBe('Biden and Putin end Geneva summit');
    const audit = await t.http().get(`/articles/${id}/audit`).set('Authorization', `Bearer ${anna}`);
    expect(audit.body).toMatchObject({ verified: true, revisions: 10 });
  });

  it('lets one of 8 editors racing on one block win, and refuses the 7 others with 412 naming the winner', async () => {
    const id = await staleSample();
    const finds = [
      'We believe',
      'cyberspace',
      'extraordinarily',
      'In general',
      'in particular',
      'to the same extent',
      'in response to',
      'Matthew Chance',
    ];
    const results = await Promise.all(
      finds.map(async (find, i) =>
        correct(id, await editorNamed(i), '"1"', { blockId: 'b9', find, replace: find.toUpperCase() }),
      ),
    );
    const won = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status === 412);
    expect([won.length, refused.length]).toEqual([1, 7]);
    expect(won[0].headers['merged-from']).toBe('1');
    const winner = `editor-${results.indexOf(won[0])}`;
    for (const res of refused) {
      expect(res.body).toMatchObject({
        type: '/problems/precondition-failed',
        currentRevision: 3,
        seenRevision: 1,
        conflictingFields: ['block:b9'],
        conflicts: [
          {
            revision: 3,
            type: 'TextCorrected',
            actor: winner,
            actorName: `Editor ${results.indexOf(won[0])}`,
            reason: 'Checked',
            summary: expect.stringMatching(/^Text corrected: /),
            recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          },
        ],
      });
      expect(res.body.detail).toContain(`Since revision 1, revision 3 (Editor ${results.indexOf(won[0])}) changed block b9`);
    }
    expect((await t.log.stream(id)).map((e) => e.revision)).toEqual([1, 2, 3]);
  });

  it('names who changed the paragraph, and when, as the history does; nothing is appended', async () => {
    const id = await createSampleArticle(t, anna);
    const fixed = await correct(id, anna, '"1"', {
      find: "Citizen Free Press's Matthew Chance",
      replace: 'CNN’s Matthew Chance',
    });
    expect(fixed.status).toBe(200);
    expect(fixed.headers['merged-from']).toBeUndefined();
    const bob = await issueToken(TEST_SECRET, { sub: 'bob', roles: ['editor'] });
    const count = await t.log.count();
    const stale = await correct(id, bob, '"1"', { find: 'in response to', replace: 'answering' });
    expect(stale.status).toBe(412);
    const history = await t.http().get(`/articles/${id}/revisions/2`).set('Authorization', `Bearer ${bob}`);
    const { article: _article, ...entry } = history.body;
    expect(stale.body.conflicts).toEqual([entry]);
    expect(entry).toMatchObject({ actor: 'anna', actorName: 'Anna Keller' });
    expect(await t.log.count()).toBe(count);
  });

  it('merges a stale headline, category or text edit elsewhere, and says so again on a replay', async () => {
    const id = await createSampleArticle(t, anna);
    expect((await correct(id, anna, '"1"', { find: 'Team Biden', replace: 'the Biden team' })).status).toBe(200);
    // The same stale request twice under one key: the second is the first's replay.
    const sendHeadline = () =>
      t
        .http()
        .put(`/articles/${id}/headline`)
        .set('Authorization', `Bearer ${anna}`)
        .set('If-Match', '"1"')
        .set('Idempotency-Key', 'stale-headline')
        .send({ headline: 'Summit ends', reason: 'Headline' });
    const headline = await sendHeadline();
    expect([headline.status, headline.headers['merged-from'], headline.body.revision]).toEqual([200, '1', 3]);
    const replay = await sendHeadline();
    expect([replay.status, replay.headers['merged-from'], replay.headers['idempotent-replayed']]).toEqual([200, '1', 'true']);
    expect(replay.body).toEqual(headline.body);
    const category = await t
      .http()
      .post(`/articles/${id}/categories`)
      .set('Authorization', `Bearer ${anna}`)
      .set('If-Match', '"2", "1"')
      .send({ label: 'Diplomacy' });
    expect([category.status, category.headers['merged-from']]).toEqual([200, '1']);
    const sameSlug = await t
      .http()
      .post(`/articles/${id}/categories`)
      .set('Authorization', `Bearer ${anna}`)
      .set('If-Match', '"3"')
      .send({ label: 'diplomacy', code: 'medtop:20000639' });
    expect(sameSlug.status).toBe(412);
    expect(sameSlug.body).toMatchObject({ conflictingFields: ['category:diplomacy'], conflicts: [{ revision: 4 }] });
    expect((await t.log.stream(id)).map((e) => e.type)).toEqual([
      'ArticleCreated',
      'TextCorrected',
      'HeadlineChanged',
      'CategoryAdded',
    ]);
  });

  it('keeps the strict rule for publish, withdraw, restore and revert', async () => {
    const id = await staleSample();
    const strict = [
      t.http().post(`/articles/${id}/publication`).send({}),
      t.http().delete(`/articles/${id}/publication`).send({ reason: 'Legal' }),
      t.http().post(`/articles/${id}/restorations`).send({ revision: 1, reason: 'Back' }),
      t.http().post(`/articles/${id}/reverts`).send({ revision: 2, reason: 'Undo' }),
    ];
    for (const request of strict) {
      const res = await request.set('Authorization', `Bearer ${anna}`).set('If-Match', '"1"');
      expect(res.status).toBe(412);
      expect(res.body).toEqual(expect.objectContaining({ currentRevision: 2 }));
      expect(res.body.conflicts).toBeUndefined();
    }
    expect((await t.log.stream(id)).map((e) => e.revision)).toEqual([1, 2]);
  });
});
