import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../../apps/newsroom-api/src/bootstrap';
import { createSampleArticle } from '../support/articles-api';
import { createTestApp, TEST_SECRET, type TestApp } from '../support/test-app';

/**
 * Each API process remembers the articles it last edited (LatestArticles). With two on one
 * database, each one's memory falls behind the other's edits; these show that a command never
 * acts on the stale state: every answer is the one a fresh read would have given.
 */
describe('two API processes on one database', () => {
  let a: TestApp;
  let b: INestApplication;
  let editor: string;
  let id: string;

  const onA = () => a.http();
  const onB = () => request(b.getHttpServer());
  /** POST /articles/{id}/categories on one of the two, with If-Match when given. */
  const addCategory = (on: () => ReturnType<typeof request>, label: string, ifMatch?: number) => {
    const post = on().post(`/articles/${id}/categories`).set('Authorization', `Bearer ${editor}`);
    return (ifMatch === undefined ? post : post.set('If-Match', `"${ifMatch}"`)).send({ label });
  };
  const revisionOf = async () => (await onA().get(`/articles/${id}`).set('Authorization', `Bearer ${editor}`)).body.revision;

  beforeAll(async () => {
    a = await createTestApp();
    b = await createApp({
      databaseUrl: a.database.url,
      jwtSecret: TEST_SECRET,
      corsOrigins: [],
      rateLimit: { perActorPerMinute: 0, perAddressPerMinute: 0 },
      logLevel: 'silent',
      runFollowers: false,
    });
    editor = await a.token('eddie', 'editor');
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  beforeEach(async () => {
    id = await createSampleArticle(a, editor);
    // A has now seen the article: its next command starts from memory.
    const added = await addCategory(onA, 'Geneva');
    expect(added.status).toBe(200);
  });

  it('an edit on A after one on B appends after it: nothing is lost', async () => {
    const onOther = await addCategory(onB, 'Europe');
    const onThis = await addCategory(onA, 'Diplomacy');
    expect(onThis.status).toBe(200);
    expect(onThis.body.revision).toBe(onOther.body.revision + 1);
    expect(onThis.body.categories.map((c: { slug: string }) => c.slug)).toEqual(['geneva', 'europe', 'diplomacy']);
  });

  it('what looks like no change on A, because B undid it, is applied', async () => {
    const removed = await onB().delete(`/articles/${id}/categories/geneva`).set('Authorization', `Bearer ${editor}`);
    expect(removed.status).toBe(200);
    const again = await addCategory(onA, 'Geneva');
    expect(again.status).toBe(200);
    expect(again.body.revision).toBe(removed.body.revision + 1);
    expect(again.body.categories.map((c: { slug: string }) => c.slug)).toEqual(['geneva']);
    expect(await revisionOf()).toBe(again.body.revision);
  });

  it('If-Match naming the revision B made is honoured on A, and an older one refused when B changed the same', async () => {
    const onOther = await addCategory(onB, 'Europe');
    const current = await addCategory(onA, 'Diplomacy', onOther.body.revision);
    expect(current.status).toBe(200);
    expect(current.body.revision).toBe(onOther.body.revision + 1);
    const older = await addCategory(onB, 'Russia');
    const stale = await addCategory(onA, 'Russia', current.body.revision);
    expect(stale.status).toBe(412);
    expect(stale.body.currentRevision).toBe(older.body.revision);
    expect(stale.body.conflicts.map((c: { revision: number }) => c.revision)).toEqual([older.body.revision]);
    // Elsewhere, the same stale If-Match merges onto B's change, decided on a fresh read.
    const merged = await addCategory(onA, 'Summits', current.body.revision);
    expect([merged.status, merged.headers['merged-from'], merged.body.revision]).toEqual([
      200,
      String(current.body.revision),
      older.body.revision + 1,
    ]);
  });

  it('text that only B’s edit put there can be corrected on A', async () => {
    const inserted = await onB()
      .post(`/articles/${id}/text-corrections`)
      .set('Authorization', `Bearer ${editor}`)
      .send({ find: 'a La Casa official said. White.', replace: 'a White House official said.', reason: 'Mistranslation' });
    expect(inserted.status).toBe(200);
    const refined = await onA()
      .post(`/articles/${id}/text-corrections`)
      .set('Authorization', `Bearer ${editor}`)
      .send({ find: 'a White House official said.', replace: 'a senior White House official said.', reason: 'Precision' });
    expect(refined.status).toBe(200);
    expect(refined.body.revision).toBe(inserted.body.revision + 1);
  });
});
