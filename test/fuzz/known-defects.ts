import type { Violation } from './exchange-checks';
import type { Exchange } from './fuzz-world';

/**
 * Defects the fuzzer has found and reported but that are not fixed yet. An exchange that shows
 * one of them (and nothing else) is counted, not failed, so that the fuzzer keeps looking for
 * new ones; `known-defects.e2e-spec.ts` pins each with its smallest reproduction and fails as
 * soon as it is fixed, to have the entry removed here. FUZZ_STRICT=1 tolerates none.
 * Appending an event on a refused request is never tolerated.
 */
export interface KnownDefect {
  id: string;
  summary: string;
  /** The kinds of violation this defect produces. */
  kinds: ReadonlyArray<Violation['kind']>;
  shows(exchange: Exchange): boolean;
}

export const KNOWN_DEFECTS: readonly KnownDefect[] = [];

/** The known defect that accounts for every violation of this exchange, if there is one. */
export function knownDefectOf(exchange: Exchange, violations: readonly Violation[]): KnownDefect | undefined {
  if (process.env.FUZZ_STRICT === '1') return undefined;
  return KNOWN_DEFECTS.find((defect) => defect.shows(exchange) && violations.every((v) => defect.kinds.includes(v.kind)));
}
