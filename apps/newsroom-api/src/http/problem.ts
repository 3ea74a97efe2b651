/** An RFC 9457 problem details body: the only shape an error ever has on the wire. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Field-level failures of a 400. */
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface FieldError {
  field: string;
  message: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Problem types are relative URI references naming a stable code, e.g. `/problems/text-not-found`. */
export function problemType(code: string): string {
  return `/problems/${code.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
}

/** The type of a plain HTTP refusal, from its title: `Payload too large` → `/problems/payload-too-large`. */
export function problemTypeOfTitle(title: string): string {
  return problemType(title.replace(/ (\w)/g, (_m, c: string) => c.toUpperCase()));
}

/**
 * An error the HTTP layer raises on purpose. It carries the finished problem so that the one
 * filter only has to render it.
 */
export class ProblemException extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail);
    this.name = 'ProblemException';
  }

  static of(status: number, code: string, title: string, detail: string, extra: Record<string, unknown> = {}): ProblemException {
    return new ProblemException({ type: problemType(code), title, status, detail, ...extra });
  }
}
