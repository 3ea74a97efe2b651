import { operationById } from '../../apps/newsroom-api/src/contract/operations';
import { expectProblem } from '../support/articles-api';
import { runSampleScenario, type Scenario } from '../support/sample-scenario';
import { ninjsErrors } from '../support/standards/ninjs-schema';
import { lostTerms } from '../support/standards/schema-org';
import { createTestApp, type TestApp } from '../support/test-app';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const NOTICE = 'An earlier version of this article said the meeting lasted more than four hours.';
const WITHDRAWAL_REASON = 'Legal asked for it to come down pending review';

/**
 * Issue 13, the exports: ninjs 2.4 and schema.org JSON-LD of the sample story after its
 * corrections, of its past revisions and once withdrawn, by path and by Accept on GET /articles/{id}.
 * Every ninjs answer is validated against IPTC's schema, every JSON-LD answer expanded with
 * schema.org's context (besides the contract check every answer gets).
 */
describe('the exports of the sample story', () => {
  let t: TestApp;
  let s: Scenario;
  let auditor: string;
  const get = (path: string, token = auditor) => t.http().get(path).set('Authorization', `Bearer ${token}`);

  async function ninjs(query = '', accept?: string): Promise<Json> {
    const res = await (accept ? get(`/articles/${s.id}${query}`).set('Accept', accept) : get(`/articles/${s.id}/ninjs${query}`));
    expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
      status: 200,
      type: 'application/ninjs+json; charset=utf-8',
    });
    expect(ninjsErrors(res.body)).toEqual([]);
    expect(res.headers.etag).toBe(`"${res.body.version}"`);
    return res.body;
  }

  async function jsonLd(query = '', accept?: string): Promise<Json> {
    const res = await (accept ? get(`/articles/${s.id}${query}`).set('Accept', accept) : get(`/articles/${s.id}/jsonld${query}`));
    expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
      status: 200,
      type: 'application/ld+json; charset=utf-8',
    });
    expect(await lostTerms(res.body)).toEqual([]);
    expect(res.headers.etag).toBe(`"${res.body.version}"`);
    return res.body;
  }

  const plainBody = (item: Json): string => item.bodies.find((b: Json) => b.contenttype === 'text/plain').value;
  const htmlBody = (item: Json): string => item.bodies.find((b: Json) => b.contenttype === 'text/html').value;

  beforeAll(async () => {
    t = await createTestApp({ runFollowers: false });
    s = await runSampleScenario(t);
    auditor = await t.token('audrey', 'auditor');
  });
  afterAll(() => t.close());

  it('exports the corrected story as valid ninjs 2.4 naming CNN’s Matthew Chance', async () => {
    const item = await ninjs();
    const article = s.answers.get(8) as Json;
    expect(item).toMatchObject({
      uri: `urn:uuid:${s.id}`,
      type: 'text',
      version: '8',
      firstcreated: article.createdAt,
      versioncreated: article.updatedAt,
      pubstatus: 'usable',
      language: 'en',
      headlines: [{ value: 'Biden and Putin end Geneva summit' }],
      subjects: [{ name: 'Diplomacy', uri: 'http://cv.iptc.org/newscodes/mediatopic/20000639' }, { name: 'US–Russia Relations' }],
    });
    // The scenario typed the fix with a straight apostrophe, and replacements are stored as typed.
    expect(plainBody(item)).toContain("question from CNN's Matthew Chance.");
    expect(plainBody(item)).not.toContain('Citizen Free Press');
    expect(plainBody(item)).toContain('nearly four hours');
    expect(plainBody(item)).toBe(article.blocks.map((b: Json) => b.text).join('\n\n'));
    expect(htmlBody(item)).toContain('question from CNN&#39;s Matthew Chance.</p>');
    expect(htmlBody(item)).toContain('\n<h2>Summit progress: Cybersecurity and diplomacy</h2>\n');
    expect(htmlBody(item).match(/<p>/g)).toHaveLength(12);
  });

  it('exports the corrected story as a NewsArticle whose public notice is a CorrectionComment', async () => {
    const document = await jsonLd();
    const article = s.answers.get(8) as Json;
    expect(document).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      '@id': `urn:uuid:${s.id}`,
      headline: 'Biden and Putin end Geneva summit',
      creativeWorkStatus: 'Published',
      version: 8,
      dateCreated: article.createdAt,
      dateModified: article.updatedAt,
      datePublished: article.publishedAt,
      inLanguage: 'en',
    });
    expect(document.correction).toEqual([
      { '@type': 'CorrectionComment', text: NOTICE, datePublished: article.corrections[0].recordedAt },
    ]);
    expect(document.about.map((topic: Json) => topic.name)).toEqual(['Diplomacy', 'US–Russia Relations']);
    expect(document.articleBody).toContain("question from CNN's Matthew Chance.");
  });

  it('exports an old revision with its old text, by ?revision= and by ?asOf=', async () => {
    const first = await ninjs('?revision=1');
    expect(first).toMatchObject({ version: '1', pubstatus: 'withheld', headlines: [], subjects: [] });
    expect(plainBody(first)).toContain('question from Citizen Free Press’s Matthew Chance.');
    expect(plainBody(first)).not.toContain('CNN');
    const firstLd = await jsonLd('?revision=1');
    expect(firstLd).toMatchObject({ version: 1, creativeWorkStatus: 'Draft' });
    expect(firstLd.articleBody).toContain('Citizen Free Press’s Matthew Chance');
    expect(firstLd).not.toHaveProperty('correction');
    expect(firstLd).not.toHaveProperty('datePublished');
    const third = s.answers.get(3) as Json;
    const asOf = await ninjs(`?asOf=${encodeURIComponent(third.updatedAt)}`);
    expect(asOf.version).toBe('3');
    expect(plainBody(asOf)).toContain("CNN's Matthew Chance");
  });

  it('serves the same exports on GET /articles/{id} by Accept, JSON by default, 406 for what it cannot serve', async () => {
    expect(await ninjs('?revision=2', 'application/ninjs+json')).toEqual(await ninjs('?revision=2'));
    expect(await jsonLd('', 'application/ld+json')).toEqual(await jsonLd());
    expect((await ninjs('', 'application/ld+json;q=0.5, application/ninjs+json')).version).toBe('8');
    for (const accept of [undefined, '', '*/*', 'application/*', 'application/json; charset=utf-8', 'text/html, */*;q=0.8']) {
      const call = get(`/articles/${s.id}`);
      const res = await (accept === undefined ? call : call.set('Accept', accept));
      expect({ accept, status: res.status, type: res.headers['content-type'] }).toEqual({
        accept,
        status: 200,
        type: 'application/json; charset=utf-8',
      });
      expect(res.body).toEqual(s.answers.get(8));
      expect(res.headers.vary).toMatch(/\bAccept\b/);
    }
    const documented = operationById('getArticle').responses[406].content?.['application/problem+json'].examples?.status406.value;
    for (const accept of ['text/html', 'application/xml', 'application/problem+json', 'application/json; charset=latin1']) {
      const res = await get(`/articles/${s.id}`).set('Accept', accept);
      expectProblem(res, 406);
      expect(res.body).toEqual(documented);
    }
  });

  it('lets every signed-in role read the exports, and refuses what GET /articles/{id} refuses', async () => {
    for (const token of [s.reporter, s.editor, auditor]) {
      expect((await get(`/articles/${s.id}/ninjs`, token)).status).toBe(200);
      expect((await get(`/articles/${s.id}/jsonld`, token)).status).toBe(200);
    }
    expectProblem(await t.http().get(`/articles/${s.id}/ninjs`), 401);
    expectProblem(await get(`/articles/${s.id}/jsonld?revision=9`), 404);
    expectProblem(await get('/articles/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed/ninjs'), 404);
    expectProblem(await get(`/articles/${s.id}/ninjs?revision=1&asOf=2026-01-01T00:00:00Z`), 400);
    expectProblem(await get(`/articles/${s.id}/jsonld?revision=0`), 400);
  });

  it('exports a withdrawn story as canceled, and its revisions before as they were', async () => {
    const res = await t
      .http()
      .delete(`/articles/${s.id}/publication`)
      .set('Authorization', `Bearer ${s.editor}`)
      .send({ reason: WITHDRAWAL_REASON });
    expect(res.body).toMatchObject({ revision: 9, status: 'withdrawn' });
    expect(await ninjs()).toMatchObject({ version: '9', pubstatus: 'canceled' });
    expect(await ninjs('', 'application/ninjs+json')).toMatchObject({ version: '9', pubstatus: 'canceled' });
    expect(await jsonLd()).toMatchObject({ version: 9, creativeWorkStatus: 'Withdrawn' });
    expect(await ninjs('?revision=8')).toMatchObject({ version: '8', pubstatus: 'usable' });
  });

  it('never leaks a reason or an actor id of the history into an export, at any revision', async () => {
    const history = (await get(`/articles/${s.id}/revisions`)).body.items as Json[];
    const reasons = history.map((entry) => entry.reason).filter((reason): reason is string => reason !== null);
    const actors = [...new Set(history.map((entry) => entry.actor as string))];
    expect(reasons).toHaveLength(7);
    expect(reasons).toContain(WITHDRAWAL_REASON);
    expect(actors.sort()).toEqual(['eddie', 'rita']);
    const secrets = [
      ...reasons.map((reason) => new RegExp(escape(reason))),
      ...actors.map((actor) => new RegExp(`\\b${actor}\\b`)),
    ];
    for (let revision = 1; revision <= 9; revision++) {
      for (const exported of [await ninjs(`?revision=${revision}`), await jsonLd(`?revision=${revision}`)]) {
        const text = JSON.stringify(exported);
        expect({ revision, leaked: secrets.filter((secret) => secret.test(text)).map(String) }).toEqual({ revision, leaked: [] });
        expect(text).not.toMatch(/"(reason|actor|actorName|metadata)"/);
      }
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
