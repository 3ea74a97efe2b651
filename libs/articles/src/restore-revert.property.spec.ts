import fc from 'fast-check';
import type { ArticleContent } from './article';
import { blockKey, categoryKey, type ContentField } from './content';
import { ArticleError } from './errors';
import { revertChange } from './revert';
import { changeOf } from './revision-changes';
import { assertRevisionExists } from './rules';
import { ARTICLE_ID, type Stream, when } from './testing/given';
import { changesOnFullFold } from './testing/full-fold';
import { run, runArb } from './testing/random-runs';

/** A decision's outcome, comparable: the event, null, or the refusal's code and details. */
function outcome(decideIt: () => unknown): unknown {
  try {
    return { decided: decideIt() };
  } catch (error) {
    if (!(error instanceof ArticleError)) throw error;
    return { refused: error.code, details: error.details, message: error.message };
  }
}

/** The revert of `revision` decided on the whole stream folded, as before issue 20. */
function revertOnFullFold({ state, history }: Stream, revision: number): unknown {
  return outcome(() => {
    assertRevisionExists(revision, state.revision);
    const changes = changesOnFullFold(ARTICLE_ID, history);
    return revertChange(changes[revision - 1], changes.slice(revision), state);
  });
}

/** One field's value in a version of the content; undefined when it has no such block or category. */
function valueOf(content: ArticleContent, field: ContentField): unknown {
  if (field === 'headline' || field === 'byline' || field === 'dateline') return content[field];
  return [
    ...content.blocks.map((block) => [blockKey(block), block] as const),
    ...content.categories.map((c) => [categoryKey(c), c] as const),
  ].find(([key]) => key === field)?.[1];
}

describe('revert, for random command sequences against the sample story', () => {
  it('a revert decided on the events since its revision equals the one decided on the whole stream folded', () => {
    fc.assert(
      fc.property(runArb, (steps) => {
        const stream = run(steps).at(-1)!;
        for (let revision = 0; revision <= stream.state.revision + 1; revision++) {
          const decided = outcome(() => when(stream, { type: 'RevertChange', revision }));
          expect(decided).toEqual(revertOnFullFold(stream, revision));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('each event says, alone, which fields it changed and what the field-by-field revert puts back', () => {
    fc.assert(
      fc.property(runArb, (steps) => {
        const { history } = run(steps).at(-1)!;
        const folded = changesOnFullFold(ARTICLE_ID, history);
        history.map(changeOf).forEach((change, index) => {
          expect(change.fields).toEqual(folded[index].fields);
          // Text edits are undone by range, not by value (see RevisionChange.before).
          if (change.event.type === 'AttributionFixed' || change.event.type === 'TextCorrected') return;
          for (const field of change.fields) {
            expect(valueOf(change.before, field)).toEqual(valueOf(folded[index].before, field));
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});
