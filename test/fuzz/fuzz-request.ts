import fc from 'fast-check';
import type { FuzzJson, Huge } from './json-text';

/**
 * The order in which the API looks at a request. A request that is wrong in several ways may be
 * refused for any of them, but a legitimate outcome (a 412, a 422 from the domain) may only
 * win over a fault that the API checks later. That is how "the right status" stays checkable
 * when a request is wrong in more than one way.
 */
export const STAGES = [
  'transport', // node's HTTP parser: header section too large
  'decode', // percent-decoding of the path
  'route', // no such path (404), or a method it does not take (405)
  'auth', // 401
  'role', // 403 for the role
  'mediaType', // 415
  'body', // body parsing: malformed, too large, unsupported charset (only once the caller may send it)
  'validation', // 400 for a parameter, the query or the body
  'envelope', // 400 for If-Match / Idempotency-Key
  'replay', // an Idempotency-Key seen before
  'article', // 404 for an unknown article
  'domain', // the domain's decision
] as const;
export type Stage = (typeof STAGES)[number];

export const stageIndex = (stage: Stage): number => STAGES.indexOf(stage);

/** Something wrong with the request, and the statuses that may report it. */
export interface Fault {
  why: string;
  statuses: readonly number[];
  stage: Stage;
}

/** A status a request may get although nothing is wrong with it (e.g. 412 for a stale If-Match). */
export interface Outcome {
  why: string;
  status: number;
  stage: Stage;
}

export type RefName =
  | 'target'
  | 'TARGET'
  | 'etag:current'
  | 'etag:previous'
  | 'cursor:list'
  | 'cursor:revisions'
  | 'cursor:corrections'
  | 'cursor:events'
  | `token:${string}`;

/** A value only known when the request is sent: the article's id, its revision, a cursor, a token. */
export class Ref {
  constructor(readonly name: RefName) {}

  [fc.toStringMethod](): string {
    return `@${this.name}`;
  }
}

/** A header value, path segment or query value: literal (already encoded where it goes in a URL), resolved, or huge. */
export type Wire = string | Ref | Huge;

export type FuzzBody =
  | { json: FuzzJson }
  /** Text sent as UTF-8 (lone surrogates become U+FFFD on the way, as with any client). */
  | { text: string | Huge }
  /** Raw bytes: strings as UTF-8, numbers as single bytes (invalid UTF-8 on purpose). */
  | { bytes: ReadonlyArray<string | readonly number[]> };

export interface FuzzRequest {
  endpoint: string;
  method: string;
  path: readonly Wire[];
  query: ReadonlyArray<readonly [string, Wire]>;
  headers: ReadonlyArray<readonly [string, Wire]>;
  body?: FuzzBody;
  chunked?: boolean;
  faults: readonly Fault[];
  outcomes: readonly Outcome[];
  /** What the request is known to exercise, for the statistics and the known-defect signatures. */
  tags: readonly string[];
}

/** A part of a request with what it contributes to the expectations. */
export interface Piece<T> {
  value: T;
  faults: Fault[];
  outcomes: Outcome[];
  tags: string[];
}

export const ok = <T>(value: T, ...tags: string[]): Piece<T> => ({ value, faults: [], outcomes: [], tags });

export const bad = <T>(value: T, fault: Fault, ...tags: string[]): Piece<T> => ({ value, faults: [fault], outcomes: [], tags });

export const maybe = <T>(value: T, outcomes: Outcome[], ...tags: string[]): Piece<T> => ({ value, faults: [], outcomes, tags });

export function merge<T>(value: T, ...pieces: ReadonlyArray<Pick<Piece<unknown>, 'faults' | 'outcomes' | 'tags'>>): Piece<T> {
  return {
    value,
    faults: pieces.flatMap((p) => p.faults),
    outcomes: pieces.flatMap((p) => p.outcomes),
    tags: pieces.flatMap((p) => p.tags),
  };
}

export const fault = (stage: Stage, statuses: number | readonly number[], why: string): Fault => ({
  why,
  stage,
  statuses: typeof statuses === 'number' ? [statuses] : statuses,
});

export const outcome = (stage: Stage, status: number, why: string): Outcome => ({ why, stage, status });
