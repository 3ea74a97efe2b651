import type { Request } from 'express';
import { ProblemException } from './problem';

/**
 * The media type to answer with among those a route serves, the first being the default
 * (RFC 9110 §12.5.1: q-values, wildcards and specificity, through Express's negotiator). No
 * Accept, a blank one or a wildcard get the default; an Accept that names none of them gets 406. The types are matched as they are sent, with `charset=utf-8`, so that
 * `Accept: application/json; charset=utf-8` is met and a request for another charset is not.
 */
export function negotiate<T extends string>(request: Request, served: readonly T[]): T {
  const accept = request.headers.accept;
  if (accept === undefined || accept.trim() === '') return served[0];
  const sent = served.map((type) => `${type}; charset=utf-8`);
  const chosen = request.accepts(sent);
  if (chosen) return served[sent.indexOf(chosen)];
  throw ProblemException.of(
    406,
    'NotAcceptable',
    'Not acceptable',
    `This resource is served as ${served.join(', ')}; the Accept header names none of them.`,
  );
}
