import fc from 'fast-check';
import { createTestApp, type TestApp } from '../support/test-app';
import { FUZZ_RUNS, FUZZ_SEED, fuzzParameters, replayHint, timeBudget } from './fuzz-config';
import { astralNearCut, codeLookalike } from './hostile-strings';

/** Runs of this property: each is one article taken through every command (about 16 requests). */
const RUNS = Math.max(5, Math.ceil(FUZZ_RUNS / 25));

/** One line of text that looks like code: no line breaks, so it stays one block of the story. */
const oneLine = fc
  .oneof({ weight: 9, arbitrary: codeLookalike }, { weight: 1, arbitrary: astralNearCut })
  .filter((text) => !/[\r\n]/.test(text));

interface Article {
  id: string;
  revision: number;
  headline: string | null;
  byline: string | null;
  dateline: string | null;
  blocks: Array<{ id: string; text: string }>;
  categories: Array<{ slug: string; label: string; code?: string }>;
  corrections: Array<{ kind: string; text: string }>;
}

/**
 * Hostile input (issue 5): text that looks like SQL, HTML, JSON or a format string, in every string
 * field, is stored and returned exactly as given, by the command's answer, by every read and in
 * the event log itself.
 */
describe('text that looks like code', () => {
  let t: TestApp;
  let editor: string;

  beforeAll(async () => {
    t = await createTestApp();
    editor = await t.token('vera', 'editor');
  });
  afterAll(() => t.close());

  const as = <T extends { set(name: string, value: string): T }>(req: T) => req.set('Authorization', `Bearer ${editor}`);
  const get = async (path: string) => {
    const res = await as(t.http().get(path));
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    return res.body;
  };
  const command = async (method: 'post' | 'put' | 'delete', path: string, body: object) => {
    const res = await as(t.http()[method](path)).send(body);
    expect({ path, status: res.status, body: res.status < 300 ? 'article' : res.body }).toEqual({
      path,
      status: path === '/articles' ? 201 : 200,
      body: 'article',
    });
    return res.body as Article;
  };

  const strings = fc
    .record({
      headline: oneLine,
      byline: oneLine,
      dateline: oneLine,
      paragraph: oneLine,
      label: oneLine,
      code: oneLine,
      newHeadline: oneLine,
      replace: oneLine,
      fix: oneLine,
      notice: oneLine,
      noticeKind: fc.constantFrom('correction', 'clarification', 'editors-note', 'update'),
      secondLabel: oneLine,
      secondCode: oneLine,
      reasons: fc.array(oneLine, { minLength: 8, maxLength: 8 }),
    })
    // The same headline again changes nothing, and API.md says such a command appends nothing:
    // the history below expects one revision per command (FUZZ_SEED=479979406 drew it).
    .filter((s) => s.newHeadline !== s.headline);

  it(
    `stores ${RUNS} sets of SQL-, HTML- and JSON-looking strings verbatim in every field`,
    async () => {
      let run = 0;
      const property = fc.asyncProperty(strings, async (s) => {
        const nonce = `zq${(run += 1)}x${FUZZ_SEED >>> 0}`;
        const marker = `Marker ${nonce} stays here.`;
        const created = await command('post', '/articles', {
          headline: s.headline,
          byline: s.byline,
          dateline: s.dateline,
          body: `${s.paragraph}\n\n${marker}`,
          categories: [{ label: s.label, code: s.code }],
        });
        const id = created.id;
        expect(created).toMatchObject({
          headline: s.headline,
          byline: s.byline,
          dateline: s.dateline,
          blocks: [{ text: s.paragraph }, { text: marker }],
          categories: [{ label: s.label, code: s.code }],
        });

        await command('put', `/articles/${id}/headline`, { headline: s.newHeadline, reason: s.reasons[0] });
        const corrected = await command('post', `/articles/${id}/text-corrections`, {
          find: nonce,
          replace: s.replace,
          reason: s.reasons[1],
          notice: s.notice,
          noticeKind: s.noticeKind,
        });
        const correctedBlock = `Marker ${s.replace} stays here.`;
        expect(corrected.blocks[1].text).toBe(correctedBlock);
        // The whole block, hostile text and all, is itself a `find` the API must match verbatim.
        const fixed = await command('post', `/articles/${id}/attribution-fixes`, {
          find: correctedBlock,
          replace: s.fix,
          reason: s.reasons[2],
          blockId: 'b2',
        });
        expect(fixed.blocks[1].text).toBe(s.fix);
        const secondLabel = `${s.secondLabel} second`;
        const added = await command('post', `/articles/${id}/categories`, {
          label: secondLabel,
          code: s.secondCode,
          reason: s.reasons[3],
        });
        const second = added.categories.find((c) => c.label === secondLabel);
        expect(second).toMatchObject({ label: secondLabel, code: s.secondCode });
        await command('post', `/articles/${id}/publication`, { reason: s.reasons[4] });
        await command('delete', `/articles/${id}/publication`, { reason: s.reasons[5] });
        await command('delete', `/articles/${id}/categories/${encodeURIComponent(second?.slug ?? '')}`, { reason: s.reasons[6] });

        const current: Article = await get(`/articles/${id}`);
        expect(current).toMatchObject({
          headline: s.newHeadline,
          byline: s.byline,
          dateline: s.dateline,
          blocks: [{ text: s.paragraph }, { text: s.fix }],
          categories: [{ label: s.label, code: s.code }],
          corrections: [{ kind: s.noticeKind, text: s.notice }],
        });
        const reasons = [null, ...s.reasons.slice(0, 7)];
        const history = await get(`/articles/${id}/revisions?limit=100`);
        expect(history.items.map((item: { reason: unknown }) => item.reason)).toEqual(reasons);
        expect((await get(`/articles/${id}/revisions/3`)).article.blocks[1].text).toBe(correctedBlock);
        const restored = await command('post', `/articles/${id}/restorations`, { revision: 2, reason: s.reasons[7] });
        expect(restored).toMatchObject({ headline: s.newHeadline, blocks: [{ text: s.paragraph }, { text: marker }] });

        const feed = await get('/corrections?limit=100');
        expect(feed.items.find((item: { articleId: string }) => item.articleId === id)).toMatchObject({
          kind: s.noticeKind,
          text: s.notice,
        });
        const slug = created.categories[0].slug;
        const listed = await get(`/articles?category=${encodeURIComponent(slug)}&limit=100`);
        expect(listed.items.map((a: Article) => a.id)).toContain(id);

        // Behind the API's back: the log holds the very strings that were sent.
        const stream = await t.log.stream(id);
        expect(stream.map((e) => e.metadata.reason)).toEqual([...reasons, s.reasons[7]]);
        expect(stream[0].data).toMatchObject({ headline: s.headline, byline: s.byline, dateline: s.dateline });
        expect(stream[2].data).toMatchObject({ replacement: s.replace, notice: { kind: s.noticeKind, text: s.notice } });
        expect(stream[3].data).toMatchObject({ found: correctedBlock, replacement: s.fix });
      });
      try {
        await fc.assert(property, fuzzParameters(RUNS));
      } catch (error) {
        console.error(replayHint('the verbatim property'));
        throw error;
      }
    },
    timeBudget(RUNS, 3_000),
  );
});
