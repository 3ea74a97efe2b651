import { type ArticleCommand, type ArticleEvent, ArticleError, decide, fold, pastIn } from '@newsroom/articles';
import { EventStore } from '@newsroom/event-store';
import { Pool } from 'pg';
import { streamIdOf, toArticleEvent } from '../../apps/newsroom-api/src/articles/article-stream';
import { SNAPSHOT_EVERY } from '../../apps/newsroom-api/src/articles/projections/read-model-rows';
import { encodeCursor } from '../../apps/newsroom-api/src/articles/queries/cursor';
import { sentQueries } from '../event-store/sent-queries';
import { createSampleArticle, expectProblem } from '../support/articles-api';
import { createTestApp, type TestApp } from '../support/test-app';

/** Odd, so that the story's first block ends up unlike revision 2's and a restore to it changes something. */
const TOGGLES = 121;
/**
 * Edits of the block the fix at revision 2 changed, undone as often as made: that block ends up as
 * the fix left it, so restoring revision 2 leaves it alone and reverting the fix goes through.
 */
const FIX_BLOCK_EDITS = 4;

/**
 * A story of 120-odd revisions: restore and revert read only the part of the past they decide on
 * (counted in rows of the log), decide what the whole stream folded decides, and the raw log pages.
 */
describe('a long story', () => {
  let t: TestApp;
  let editor: string;
  let id: string;
  let pool: Pool;
  let store: EventStore;
  const get = (path: string) => t.http().get(path).set('Authorization', `Bearer ${editor}`);
  const command = async (path: string, body: Record<string, unknown>) =>
    t.http().post(`/articles/${id}/${path}`).set('Authorization', `Bearer ${editor}`).send(body);
  const latest = async (): Promise<number> => (await get(`/articles/${id}`)).body.revision;

  beforeAll(async () => {
    t = await createTestApp();
    editor = await t.token('eddie', 'editor');
    id = await createSampleArticle(t, editor);
    pool = t.app.get(Pool);
    store = t.app.get(EventStore);
    const fix = { find: "Citizen Free Press's Matthew Chance", replace: "CNN's Matthew Chance", reason: 'Misattributed' };
    expect((await command('attribution-fixes', fix)).status).toBe(200);
    for (let i = 0; i < FIX_BLOCK_EDITS; i++) {
      const [find, replace] = i % 2 === 0 ? ['cyberspace', 'cyber space'] : ['cyber space', 'cyberspace'];
      expect((await command('text-corrections', { find, replace, reason: `Spelling ${i}` })).status).toBe(200);
    }
    for (let i = 0; i < TOGGLES; i++) {
      const [find, replace] = i % 2 === 0 ? ['Wednesday', 'Thursday'] : ['Thursday', 'Wednesday'];
      expect((await command('text-corrections', { find, replace, reason: `Toggle ${i}` })).status).toBe(200);
    }
  });
  afterAll(() => t.close());

  /**
   * Rows of the story's stream that the statements sent while `work` ran answered, appends left
   * out (the corrections follower's reads of the whole log, woken meanwhile, are not the command's).
   */
  async function eventRowsRead(work: () => Promise<unknown>): Promise<number> {
    const sent = await sentQueries(pool, work);
    return sent
      .filter(
        ({ text, values }) =>
          /\bFROM events\b/.test(text) && !/\bINSERT INTO events\b/.test(text) && values?.[0] === streamIdOf(id),
      )
      .reduce((rows, statement) => rows + (statement.rows ?? 0), 0);
  }

  /** What deciding on the whole stream, folded, gives: how restore and revert decided before issue 20. */
  async function onFullFold(articleCommand: ArticleCommand): Promise<ArticleEvent | null | { refused: ArticleError }> {
    const history = (await store.readStream(streamIdOf(id))).map(toArticleEvent);
    const state = fold(id, history);
    try {
      return decide(articleCommand, state, {
        actor: { id: 'eddie', roles: ['editor'] },
        past: pastIn(history, articleCommand, state),
      });
    } catch (error) {
      if (error instanceof ArticleError) return { refused: error };
      throw error;
    }
  }

  const lastAppended = async () => {
    const { type, data } = (await t.log.stream(id)).at(-1)!;
    return { type, data };
  };

  it('restores revision 2 from one stored state (a snapshot and fewer than SNAPSHOT_EVERY events), as the whole fold would', async () => {
    const expected = await onFullFold({ type: 'RestoreArticle', revision: 2 });
    let status = 0;
    const rows = await eventRowsRead(
      async () => (status = (await command('restorations', { revision: 2, reason: 'Back' })).status),
    );
    expect(status).toBe(200);
    expect(rows).toBeLessThan(SNAPSHOT_EVERY);
    expect(await lastAppended()).toEqual(expected);
  });

  it('reverts the last change reading that one event, and refuses a revert that later changes overlap reading only those', async () => {
    const last = await latest();
    const expected = await onFullFold({ type: 'RevertChange', revision: last });
    expect(await eventRowsRead(() => command('reverts', { revision: last, reason: 'Undo' }))).toBe(1);
    expect(await lastAppended()).toEqual(expected);

    const target = last - 5;
    const refused = (await onFullFold({ type: 'RevertChange', revision: target })) as { refused: ArticleError };
    let answer!: Awaited<ReturnType<typeof command>>;
    const rows = await eventRowsRead(async () => (answer = await command('reverts', { revision: target, reason: 'Undo' })));
    expectProblem(answer, 409);
    expect(answer.body.detail).toBe(refused.refused.message);
    // Twice: a refusal decided on the state this process remembered is decided again on a fresh read.
    // Every revision since toggled the same block, so each is read: the reverted one and the later ones.
    expect(rows).toBe(2 * (last + 1 - target + 1));
  });

  it('reverts the fix at revision 2 reading it and the later edits of its block only, as the whole fold would', async () => {
    const expected = await onFullFold({ type: 'RevertChange', revision: 2 });
    expect(expected).toMatchObject({ type: 'ChangeReverted' });
    const since = (await latest()) - 2;
    expect(since).toBeGreaterThan(100);
    expect(await eventRowsRead(() => command('reverts', { revision: 2, reason: 'Undo the fix' }))).toBe(1 + FIX_BLOCK_EDITS);
    expect(await lastAppended()).toEqual(expected);
  });

  it('pages the raw log oldest first: every event exactly once, as stored', async () => {
    const seen: Array<{ revision: number; position: number; type: string; data: unknown; metadata: unknown }> = [];
    let cursor: string | null = null;
    do {
      const page = await get(`/articles/${id}/events?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(7);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    const log = await t.log.stream(id);
    expect(seen.map(({ revision, type, data, metadata }) => ({ revision, type, data, metadata }))).toEqual(log);
    expect(new Set(seen.map((event) => event.position)).size).toBe(log.length);

    const first = await get(`/articles/${id}/events`);
    expect({ items: first.body.items.length, more: typeof first.body.nextCursor }).toEqual({ items: 100, more: 'string' });
    const whole = await get(`/articles/${id}/events?limit=1000`);
    expect({ items: whole.body.items.length, more: whole.body.nextCursor }).toEqual({ items: log.length, more: null });
    const beyond = await get(`/articles/${id}/events?cursor=${encodeCursor([log.length + 10])}`);
    expect(beyond.body).toEqual({ items: [], nextCursor: null });
  });

  it('pages the history oldest first and newest first: every revision exactly once', async () => {
    const n = await latest();
    for (const order of ['asc', 'desc']) {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page = await get(`/articles/${id}/revisions?order=${order}&limit=50${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.body.items.map((entry: { revision: number }) => entry.revision));
        cursor = page.body.nextCursor;
      } while (cursor);
      const all = Array.from({ length: n }, (_, i) => i + 1);
      expect(seen).toEqual(order === 'asc' ? all : all.reverse());
    }
  });

  it('refuses a page size over 1,000 and a cursor it did not hand out (400); an unknown article is a 404 with a cursor too', async () => {
    for (const query of ['limit=1001', 'limit=0', `cursor=${encodeCursor([1.5])}`, `cursor=${encodeCursor(['x'])}`, 'cursor=!!'])
      expectProblem(await get(`/articles/${id}/events?${query}`), 400);
    expectProblem(await get(`/articles/3b241101-e2bb-4255-8caf-4136c566a962/events?cursor=${encodeCursor([1])}`), 404);
  });

  it('audits the whole chain', async () => {
    const audit = await get(`/articles/${id}/audit`);
    expect(audit.body).toEqual({
      verified: true,
      revisions: await latest(),
      headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      redactions: [],
    });
  });
});
