import type { NewsroomClient } from '@newsroom/api-client';
import { GENEVA_SUMMIT } from '../support/sample-story';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The sample story, corrected through the typed client of libs/api-client: a path, parameter or
 * body the OpenAPI document does not allow is a compile error here, not a failure at run time.
 */
describe('the sample story, corrected through the API', () => {
  let t: TestApp;
  let reporter: NewsroomClient;
  let editor: NewsroomClient;
  let id: string;
  const path = () => ({ path: { id } });

  beforeAll(async () => {
    t = await createTestApp();
    reporter = await t.client(await t.token('rita', 'reporter'));
    editor = await t.client(await t.token('eddie', 'editor'));
  });
  afterAll(() => t.close());

  it('imports the story as text: 13 blocks, no headline, no categories', async () => {
    const { data, response } = await reporter.POST('/articles', {
      body: GENEVA_SUMMIT,
      bodySerializer: (text) => text as string,
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(response.status).toBe(201);
    id = data!.id;
    expect(response.headers.get('location')).toBe(`/articles/${id}`);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(data).toMatchObject({ revision: 1, status: 'draft', headline: null, categories: [], corrections: [] });
    expect(data!.blocks).toHaveLength(13);
    expect(data!.blocks.filter((b) => b.type === 'subheading')).toHaveLength(1);
    expect(data!.blocks.map((b) => b.text).join('\n\n')).toBe(GENEVA_SUMMIT.replace(/\n\nCategorized in:$/, ''));
  });

  it('sets the headline', async () => {
    const { data } = await reporter.PUT('/articles/{id}/headline', {
      params: path(),
      body: { headline: 'Biden and Putin end Geneva summit', reason: 'Headline for publication' },
    });
    expect(data).toMatchObject({ revision: 2, headline: 'Biden and Putin end Geneva summit' });
  });

  it('fixes the attribution typed with a straight apostrophe', async () => {
    const { data } = await reporter.POST('/articles/{id}/attribution-fixes', {
      params: path(),
      body: {
        find: "Citizen Free Press's Matthew Chance",
        replace: "CNN's Matthew Chance",
        reason: 'The question came from CNN',
      },
    });
    expect(data!.revision).toBe(3);
    const text = data!.blocks.map((b) => b.text).join('\n');
    expect(text).toContain("question from CNN's Matthew Chance.");
    expect(text).not.toContain('Citizen Free Press');
  });

  it('corrects the mistranslation', async () => {
    const { data } = await reporter.POST('/articles/{id}/text-corrections', {
      params: path(),
      body: {
        find: 'a La Casa official said. White.',
        replace: 'a White House official said.',
        reason: 'Mistranslated from Spanish',
      },
    });
    expect(data!.revision).toBe(4);
    expect(data!.blocks[4].text.endsWith('a White House official said.')).toBe(true);
  });

  it('adds categories, the second time changing nothing', async () => {
    const add = (label: string, code?: string) =>
      reporter.POST('/articles/{id}/categories', { params: path(), body: code ? { label, code } : { label } });
    expect((await add('Diplomacy', 'medtop:20000639')).data!.revision).toBe(5);
    const second = await add('US–Russia Relations');
    expect(second.data!.revision).toBe(6);
    expect(second.data!.categories).toEqual([
      { slug: 'diplomacy', label: 'Diplomacy', code: 'medtop:20000639' },
      { slug: 'us-russia-relations', label: 'US–Russia Relations' },
    ]);
    const again = await add('Diplomacy');
    expect(again.response.status).toBe(200);
    expect(again.data!.revision).toBe(6);
    expect(await t.log.count()).toBe(6);
  });

  it('is published by an editor, not by a reporter', async () => {
    const byReporter = await reporter.POST('/articles/{id}/publication', { params: path(), body: {} });
    expect(byReporter.response.status).toBe(403);
    expect(byReporter.error).toMatchObject({ status: 403 });
    const { data } = await editor.POST('/articles/{id}/publication', { params: path(), body: { reason: 'Ready' } });
    expect(data).toMatchObject({ revision: 7, status: 'published' });
    expect(data!.publishedAt).toEqual(expect.any(String));
  });

  it('takes a further correction on the published story with a public notice', async () => {
    const byReporter = await reporter.POST('/articles/{id}/text-corrections', {
      params: path(),
      body: { find: 'four hours', replace: 'three hours', reason: 'Timing' },
    });
    expect(byReporter.response.status).toBe(403);
    const { data, response } = await editor.POST('/articles/{id}/text-corrections', {
      params: path(),
      body: {
        find: 'more than four hours',
        replace: 'nearly four hours',
        reason: 'The meeting ran under four hours',
        notice: 'An earlier version of this article said the meeting lasted more than four hours.',
      },
    });
    expect(response.status).toBe(200);
    expect(data!.revision).toBe(8);
    expect(data!.corrections).toEqual([
      {
        revision: 8,
        kind: 'correction',
        recordedAt: expect.any(String),
        text: 'An earlier version of this article said the meeting lasted more than four hours.',
      },
    ]);
  });

  it('shows the history and the word diff of the mistranslation', async () => {
    const history = await editor.GET('/articles/{id}/revisions', { params: { path: { id }, query: { limit: 3 } } });
    expect(history.data!.items.map((entry) => entry.revision)).toEqual([1, 2, 3]);
    expect(history.data!.nextCursor).toEqual(expect.any(String));
    const diff = await editor.GET('/articles/{id}/diff', { params: { path: { id }, query: { from: 3, to: 4 } } });
    const changed = diff.data!.blocks.filter((block) => block.change === 'changed');
    expect(changed.map((block) => block.blockId)).toEqual(['b5']);
    expect(changed[0].ops.filter((op) => op.op !== 'equal').map((op) => `${op.op}:${op.text}`)).toEqual(
      expect.arrayContaining(['delete:La Casa', 'insert:White House']),
    );
  });

  it('recorded one event per revision, contiguous, each with actor and reason', async () => {
    const events = await t.log.stream(id);
    expect(events.map((e) => e.revision)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(events.map((e) => e.type)).toEqual([
      'ArticleCreated',
      'HeadlineChanged',
      'AttributionFixed',
      'TextCorrected',
      'CategoryAdded',
      'CategoryAdded',
      'ArticlePublished',
      'TextCorrected',
    ]);
    expect(events.map((e) => e.metadata.actor)).toEqual(['rita', 'rita', 'rita', 'rita', 'rita', 'rita', 'eddie', 'eddie']);
    for (const event of events.slice(1, 4)) expect(event.metadata.reason).toEqual(expect.any(String));
    for (const event of events) expect(event.metadata.correlationId).toEqual(expect.any(String));
    expect(events[2].data).toMatchObject({ found: 'Citizen Free Press’s Matthew Chance', replacement: "CNN's Matthew Chance" });
  });
});
