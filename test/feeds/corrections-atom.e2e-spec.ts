import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { operationById } from '../../apps/newsroom-api/src/contract/operations';
import { RFC3339_PATTERN } from '../../apps/newsroom-api/src/contract/schema-kit';
import { createSampleArticle, expectProblem } from '../support/articles-api';
import { runSampleScenario, type Scenario } from '../support/sample-scenario';
import { createTestApp, type TestApp } from '../support/test-app';

interface AtomLink {
  '@_href': string;
  '@_rel'?: string;
}

interface AtomEntry {
  id: string[];
  title: Array<{ '#text': string; '@_type'?: string }>;
  updated: string[];
  published?: string[];
  link: AtomLink[];
  summary?: Array<{ '#text': string; '@_type'?: string }>;
  category?: Array<{ '@_term': string; '@_label'?: string }>;
  author?: unknown[];
}

interface AtomFeed {
  id: string[];
  title: Array<string | { '#text': string }>;
  updated: string[];
  link: AtomLink[];
  author?: Array<{ name: string[] }>;
  entry?: AtomEntry[];
}

const ATOM_NS = 'http://www.w3.org/2005/Atom';
const RFC3339 = new RegExp(RFC3339_PATTERN);

/** Every element as an array, so that "exactly one" is something the test can count (RFC 4287 §4.1). */
const parser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => !['feed', '?xml'].includes(name) && !name.startsWith('@_'),
  textNodeName: '#text',
  parseTagValue: false,
  alwaysCreateTextNode: false,
});

function parseAtom(xml: string): AtomFeed {
  expect(XMLValidator.validate(xml)).toBe(true);
  const document = parser.parse(xml) as { feed: AtomFeed & { '@_xmlns': string } };
  expect(document.feed['@_xmlns']).toBe(ATOM_NS);
  return document.feed;
}

const textOf = (value: string | { '#text': string }) => (typeof value === 'string' ? value : value['#text']);

/**
 * GET /corrections.atom (and GET /corrections with Accept: application/atom+xml): the public
 * corrections feed as Atom 1.0, checked with an XML parser against RFC 4287's rules that a
 * reader relies on: exactly one id, title and updated (RFC 3339) in the feed and in each entry,
 * ids unique, an absolute self link and a link per entry, an author.
 */
describe('the corrections feed in Atom', () => {
  let t: TestApp;
  let s: Scenario;
  let second: string;
  let origin: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
    s = await runSampleScenario(t);
    // A second story whose headline needs escaping, with two notices and a fix without one.
    second = await createSampleArticle(t, s.editor);
    await t
      .http()
      .put(`/articles/${second}/headline`)
      .set(as(s.editor))
      .send({ headline: 'Biden & Putin: <“no threats”> ]]> in Geneva', reason: 'Headline' });
    await t.http().post(`/articles/${second}/text-corrections`).set(as(s.editor)).send({
      find: 'more than four hours',
      replace: 'nearly four hours',
      reason: 'internal: the desk timed it from the pool feed',
      notice: 'An earlier version said the meeting lasted more than four hours.',
    });
    await t.http().post(`/articles/${second}/text-corrections`).set(as(s.editor)).send({
      find: 'Geneva',
      replace: 'Genève',
      reason: 'Local spelling',
      occurrence: 1,
    });
    await t.http().post(`/articles/${second}/attribution-fixes`).set(as(s.editor)).send({
      find: "Citizen Free Press's Matthew Chance",
      replace: "CNN's Matthew Chance",
      reason: 'internal: spotted by the standards desk',
      notice: 'An earlier version attributed a question to the wrong outlet.',
      noticeKind: 'clarification',
    });
    origin = `http://127.0.0.1`;
  });
  afterAll(() => t.close());

  async function atom(path = '/corrections.atom', headers: Record<string, string> = {}) {
    const res = await t.http().get(path).set(as(s.editor)).set('Host', '127.0.0.1').set(headers);
    expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
      status: 200,
      type: 'application/atom+xml; charset=utf-8',
    });
    return { res, xml: res.text, feed: parseAtom(res.text) };
  }

  async function jsonFeed() {
    const res = await t.http().get('/corrections').set(as(s.editor));
    return res.body.items as Array<{ articleId: string; revision: number; headline: string; text: string; recordedAt: string }>;
  }

  it('carries one entry per public notice, in the JSON feed’s order', async () => {
    const { feed } = await atom();
    const notices = await jsonFeed();
    expect(notices).toHaveLength(3);
    expect(feed.entry?.map((entry) => [textOf(entry.summary?.[0] ?? ''), entry.updated[0]])).toEqual(
      notices.map((notice) => [notice.text, notice.recordedAt]),
    );
    // The sample scenario publishes one notice (revision 8): one entry; the second story's two, two.
    const about = (articleId: string) => feed.entry?.filter((entry) => entry.link[0]['@_href'].endsWith(articleId)) ?? [];
    expect([about(s.id).length, about(second).length]).toEqual([1, 2]);
    const [sample] = about(s.id);
    expect(textOf(sample?.title[0] ?? '')).toBe('Biden and Putin end Geneva summit');
    expect(textOf(sample?.summary?.[0] ?? '')).toBe(
      'An earlier version of this article said the meeting lasted more than four hours.',
    );
  });

  it('follows RFC 4287: one id, title and updated each, RFC 3339 times, unique ids, an author, links', async () => {
    const { feed } = await atom();
    expect([feed.id.length, feed.title.length, feed.updated.length]).toEqual([1, 1, 1]);
    expect(feed.updated[0]).toMatch(RFC3339);
    expect(feed.author?.[0].name[0]).toBe('Newsroom');
    const self = feed.link.filter((link) => link['@_rel'] === 'self');
    expect(self.map((link) => link['@_href'])).toEqual([`${origin}/corrections.atom`]);
    const entries = feed.entry ?? [];
    // The feed was last updated when its newest notice was published.
    expect(feed.updated[0]).toBe(entries[0].updated[0]);
    for (const entry of entries) {
      expect([entry.id.length, entry.title.length, entry.updated.length]).toEqual([1, 1, 1]);
      expect(entry.id[0]).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(entry.updated[0]).toMatch(RFC3339);
      expect(entry.published?.[0]).toBe(entry.updated[0]);
      const alternate = entry.link.filter((link) => (link['@_rel'] ?? 'alternate') === 'alternate');
      expect(alternate).toHaveLength(1);
      expect(alternate[0]['@_href']).toMatch(new RegExp(`^${origin}/articles/[0-9a-f-]{36}$`));
    }
    expect(new Set(entries.map((entry) => entry.id[0])).size).toBe(entries.length);
    expect(entries.map((entry) => entry.category?.[0]['@_term'])).toEqual(['clarification', 'correction', 'correction']);
  });

  it('keeps each entry’s id from one request to the next, whichever way the feed is asked for', async () => {
    const first = (await atom()).feed.entry?.map((entry) => entry.id[0]);
    const again = (await atom('/corrections', { Accept: 'application/atom+xml' })).feed.entry?.map((entry) => entry.id[0]);
    expect(again).toEqual(first);
  });

  it('escapes a headline as written and names no actor and no internal reason', async () => {
    const { xml, feed } = await atom();
    const escaped = feed.entry?.find((entry) => entry.link[0]['@_href'].endsWith(second));
    expect(escaped?.title[0]['@_type']).toBe('html');
    // type="html": the text is HTML, whose entities a reader decodes back to the headline.
    expect(textOf(escaped?.title[0] ?? '')).toBe('Biden &amp; Putin: &lt;“no threats”&gt; ]]&gt; in Geneva');
    for (const secret of ['rita', 'eddie', 'internal:', 'Local spelling', 'Headline for publication']) {
      expect(xml).not.toContain(secret);
    }
  });

  it('answers GET /corrections with Accept: application/atom+xml the same feed, and varies on Accept', async () => {
    const byPath = await atom();
    const negotiated = await atom('/corrections', { Accept: 'application/atom+xml' });
    expect(negotiated.xml).toBe(byPath.xml);
    expect(negotiated.res.headers.vary).toMatch(/Accept/);
    const json = await t.http().get('/corrections').set(as(s.editor)).set('Accept', 'application/json');
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expectProblem(await t.http().get('/corrections').set(as(s.editor)).set('Accept', 'text/html'), 406);
  });

  it('pages as the JSON feed does, its self link naming the page', async () => {
    const { feed } = await atom('/corrections.atom?limit=1');
    expect(feed.entry).toHaveLength(1);
    expect(feed.link.find((link) => link['@_rel'] === 'self')?.['@_href']).toBe(`${origin}/corrections.atom?limit=1`);
    expectProblem(await t.http().get('/corrections.atom?limit=0').set(as(s.editor)), 400);
  });

  it('needs a token, as the JSON feed does', async () => {
    expectProblem(await t.http().get('/corrections.atom'), 401);
    expectProblem(await t.http().get('/corrections').set('Accept', 'application/atom+xml'), 401);
  });

  it('links on a plain host only: a forged Host header is not echoed', async () => {
    const res = await t.http().get('/corrections.atom').set(as(s.editor)).set('Host', 'evil.example"><script>');
    expect(res.status).toBe(200);
    expect(parseAtom(res.text).id[0]).toBe('http://localhost/corrections.atom');
  });

  it('is what the contract’s example shows for the sample story, ids, times and host aside', async () => {
    const documented = operationById('getCorrectionsAtom').responses[200].content?.['application/atom+xml'].examples;
    const example = String(Object.values(documented ?? {})[0].value);
    const { xml } = await atom();
    const sameStory = (text: string) =>
      text
        .replace(/urn:uuid:[0-9a-f-]{36}/g, '<entry-id>')
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<article-id>')
        .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
        .replace(/https?:\/\/[^/"<]+/g, '<origin>');
    // The example holds the sample story's notice alone: the second story's entries are set aside.
    const sampleOnly = xml.replace(/ *<entry>[\s\S]*?<\/entry>\n/g, (entry) => (entry.includes(s.id) ? entry : ''));
    expect(sameStory(sampleOnly)).toBe(sameStory(example));
  });
});
