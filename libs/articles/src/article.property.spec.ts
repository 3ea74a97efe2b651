import fc from 'fast-check';
import { fold } from './evolve';
import { ARTICLE_ID } from './testing/given';
import { run, runArb } from './testing/random-runs';

describe('the article, for random command sequences against the sample story', () => {
  it('folding the appended events reproduces the state built one by one (also after a JSON round trip)', () => {
    fc.assert(
      fc.property(runArb, (steps) => {
        const { state, history } = run(steps).at(-1)!;
        expect(fold(ARTICLE_ID, history)).toEqual(state);
        expect(fold(ARTICLE_ID, JSON.parse(JSON.stringify(history)))).toEqual(state);
      }),
      { numRuns: 300 },
    );
  });

  it('revisions stay contiguous, block ids never change, and corrections only grow', () => {
    fc.assert(
      fc.property(runArb, (steps) => {
        const streams = run(steps);
        const last = streams[streams.length - 1];
        expect(last.history.map((recorded) => recorded.revision)).toEqual(last.history.map((_, index) => index + 1));
        const ids = streams[0].state.blocks.map((block) => `${block.id}:${block.type}`);
        streams.slice(1).forEach((stream, index) => {
          const previous = streams[index].state;
          expect(stream.state.revision).toBe(previous.revision + 1);
          expect(stream.state.blocks.map((block) => `${block.id}:${block.type}`)).toEqual(ids);
          expect(stream.state.corrections.slice(0, previous.corrections.length)).toEqual(previous.corrections);
        });
      }),
      { numRuns: 300 },
    );
  });
});
