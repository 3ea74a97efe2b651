import fc from 'fast-check';
import { violationsOf } from './exchange-checks';
import { FUZZ_RUNS, FUZZ_SEED, fuzzParameters, replayHint, timeBudget } from './fuzz-config';
import { describeExchange, FuzzStats } from './fuzz-report';
import { FuzzWorld } from './fuzz-world';
import { knownDefectOf } from './known-defects';
import { fuzzRequest } from './request-arbitraries';

/**
 * Hostile input (issue 5): generated requests across every endpoint of API.md. Whatever is sent,
 * the API answers below 500, every error is problem+json with the right status, and a refused
 * request leaves the event log as it was.
 */
describe('the API under generated hostile requests', () => {
  let world: FuzzWorld;
  const stats = new FuzzStats();

  beforeAll(async () => {
    world = await FuzzWorld.start();
  });
  afterAll(async () => {
    console.log(`seed ${FUZZ_SEED}\n${stats.summary()}`);
    await world?.stop();
  });

  it(
    `answers ${FUZZ_RUNS} requests without a 5xx, with problem+json errors of the right status, appending nothing when refusing`,
    async () => {
      const property = fc.asyncProperty(fuzzRequest(), async (request) => {
        const exchange = await world.exchange(request);
        const violations = violationsOf(exchange);
        const known = violations.length > 0 ? knownDefectOf(exchange, violations) : undefined;
        stats.record(exchange, known?.id);
        if (violations.length > 0 && !known) throw new Error(describeExchange(exchange, violations));
      });
      try {
        await fc.assert(property, fuzzParameters(FUZZ_RUNS));
      } catch (error) {
        console.error(replayHint('the HTTP fuzzer'));
        throw error;
      }
    },
    timeBudget(FUZZ_RUNS, 150),
  );
});
