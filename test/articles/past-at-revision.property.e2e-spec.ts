import { type ArticleEvent, ArticleError, decide, fold, pastIn, type RecordedArticleEvent } from '@newsroom/articles';
import { EventStore } from '@newsroom/event-store';
import fc from 'fast-check';
import { streamIdOf, toArticleEvent } from '../../apps/newsroom-api/src/articles/article-stream';
import { SNAPSHOT_EVERY } from '../../apps/newsroom-api/src/articles/projections/read-model-rows';
import { ArticleReader } from '../../apps/newsroom-api/src/articles/queries/article-reader';
import { createSampleArticle } from '../support/articles-api';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 20, "must show": on random stories longer than SNAPSHOT_EVERY, the state read at a
 * revision (a snapshot plus a partial fold) and a restore through the API equal the full fold.
 *
 * Why it can fail: every revision 1…n is read, so each one lies at a different distance from its
 * snapshot, the snapshots themselves (1, 20, 40) included. Were atRevision's choice off by one —
 * a snapshot taken from `revision < $2` (revision 20 folded from 1 although it has its own), the
 * fold starting at `snapshot.revision` instead of `+ 1` (the snapshot's own event applied twice: a
 * find-and-replace toggled back, a category added twice), a window `> $2 - SNAPSHOT_EVERY - 1`
 * reaching a snapshot one too far — some revision's state would differ from the fold of its events.
 * (Tried once with `AND revision < $2` added to atRevision's query: the first run failed.)
 *
 * PAST_RUNS stories (3 in `npm test`, e.g. 200 for a long run).
 */
const RUNS = Number(process.env.PAST_RUNS) > 0 ? Number(process.env.PAST_RUNS) : 3;

type Step =
  | { kind: 'toggle'; pair: 0 | 1 }
  | { kind: 'headline'; headline: string }
  | { kind: 'category'; label: string }
  | { kind: 'publish' }
  | { kind: 'withdraw' }
  | { kind: 'revert' | 'restore'; pick: number };

/** Each pair's first word occurs once in the sample story, its second not at all. */
const PAIRS = [
  ['Wednesday', 'Thursday'],
  ['cyberspace', 'cyber space'],
] as const;

/** Mostly text edits, so that a story passes SNAPSHOT_EVERY revisions however many commands are refused. */
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(0, 1).map((pair) => ({ kind: 'toggle', pair }) as const) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom('Summit ends', 'Geneva talks end', 'Leaders meet')
      .map((headline) => ({ kind: 'headline', headline }) as const),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('Diplomacy', 'Europe', 'Security').map((label) => ({ kind: 'category', label }) as const),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'publish' } as const) },
  { weight: 1, arbitrary: fc.constant({ kind: 'withdraw' } as const) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: 'revert', pick }) as const) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: 'restore', pick }) as const) },
);

describe('the state at a revision, on random stories longer than SNAPSHOT_EVERY', () => {
  let t: TestApp;
  let editor: string;
  let store: EventStore;
  let reader: ArticleReader;

  beforeAll(async () => {
    t = await createTestApp({ runFollowers: false });
    editor = await t.token('eddie', 'editor');
    store = t.app.get(EventStore);
    reader = t.app.get(ArticleReader);
  });
  afterAll(() => t.close());

  const send = (id: string, method: 'post' | 'put' | 'delete', path: string, body: Record<string, unknown>) =>
    t
      .http()
      [method](`/articles/${id}/${path}`)
      .set('Authorization', `Bearer ${editor}`)
      .send({ reason: 'Edit', ...body });
  const history = async (id: string) => (await store.readStream(streamIdOf(id))).map(toArticleEvent);

  /** Through the real command path; a refusal (a word already toggled, a revert that overlaps) is part of the story. */
  async function apply(id: string, step: Step, revision: number): Promise<void> {
    if (step.kind === 'toggle') {
      const [a, b] = PAIRS[step.pair];
      if ((await send(id, 'post', 'text-corrections', { find: a, replace: b })).status !== 200)
        await send(id, 'post', 'text-corrections', { find: b, replace: a });
    } else if (step.kind === 'headline') await send(id, 'put', 'headline', { headline: step.headline });
    else if (step.kind === 'category') await send(id, 'post', 'categories', { label: step.label });
    else if (step.kind === 'publish') await send(id, 'post', 'publication', {});
    else if (step.kind === 'withdraw') await send(id, 'delete', 'publication', {});
    else await send(id, 'post', step.kind === 'revert' ? 'reverts' : 'restorations', { revision: 1 + (step.pick % revision) });
  }

  /** What the whole stream folded decides for a restore: the event, null, or the refusal's message. */
  function restoreOnFullFold(
    id: string,
    events: RecordedArticleEvent[],
    revision: number,
  ): ArticleEvent | null | { refused: string } {
    const state = fold(id, events);
    const command = { type: 'RestoreArticle', revision } as const;
    try {
      return decide(command, state, { actor: { id: 'eddie', roles: ['editor'] }, past: pastIn(events, command, state) });
    } catch (error) {
      if (error instanceof ArticleError) return { refused: error.message };
      throw error;
    }
  }

  it('atRevision equals the fold of the events up to it, and a restore decides as the full fold does', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 30, maxLength: 60 }),
        fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
        async (steps, targets) => {
          const id = await createSampleArticle(t, editor);
          for (const step of steps) await apply(id, step, (await history(id)).length);
          let events = await history(id);
          expect(events.length).toBeGreaterThan(SNAPSHOT_EVERY);
          for (let revision = 1; revision <= events.length; revision++) {
            expect({ revision, state: await reader.atRevision(id, revision) }).toEqual({
              revision,
              state: fold(id, events.slice(0, revision)),
            });
          }
          for (const pick of targets) {
            const revision = 1 + (pick % events.length);
            const expected = restoreOnFullFold(id, events, revision);
            const res = await send(id, 'post', 'restorations', { revision });
            const after = await history(id);
            if (expected === null)
              expect({ status: res.status, appended: after.length - events.length }).toEqual({ status: 200, appended: 0 });
            else if ('refused' in expected)
              expect({ status: res.status >= 400, detail: res.body.detail }).toEqual({ status: true, detail: expected.refused });
            else
              expect({ status: res.status, appended: after.slice(events.length).map((recorded) => recorded.event) }).toEqual({
                status: 200,
                appended: [expected],
              });
            events = after;
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
