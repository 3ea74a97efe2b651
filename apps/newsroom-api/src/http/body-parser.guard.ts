import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { ProblemException } from './problem';

export const BODY_LIMIT = '1mb';

const parsers: RequestHandler[] = [
  // `strict`: only objects and arrays; a bare string or number is malformed for every endpoint.
  express.json({ limit: BODY_LIMIT, strict: true, type: 'application/json' }),
  express.text({ limit: BODY_LIMIT, type: 'text/plain', defaultCharset: 'utf-8' }),
];

/**
 * Parses JSON and plain-text bodies inside Nest's pipeline, so that a malformed, oversized or
 * mis-encoded body becomes a problem+json answer like any other error. It is the last guard:
 * the body is read only once the caller is known to be allowed (API.md: 401 before the body is
 * read) and the media type is one the route takes.
 */
@Injectable()
export class BodyParserGuard implements CanActivate {
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    // Most requests (every read) carry no body: nothing to parse, and no parser to wait for.
    if (!hasBody(request)) return true;
    const response = context.switchToHttp().getResponse<Response>();
    for (const parse of parsers) {
      await new Promise<void>((resolve, reject) =>
        parse(request, response, (error?: unknown) => (error ? reject(translate(error)) : resolve())),
      );
    }
    if (depthOf(request.body) > MAX_DEPTH) {
      throw ProblemException.of(400, 'MalformedBody', 'Bad request', `The request body nests deeper than ${MAX_DEPTH} levels.`);
    }
    return true;
  }
}

/** As the parsers themselves decide it (type-is's hasBody): a length or a chunked body. */
function hasBody(request: Request): boolean {
  return request.headers['transfer-encoding'] !== undefined || !Number.isNaN(Number(request.headers['content-length']));
}

/** No endpoint takes more than a few levels; thousands would overflow the validator's stack. */
const MAX_DEPTH = 32;

/** Nesting depth of parsed JSON, without recursion (the input may be hostile). */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node !== 'object' || node === null) continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_DEPTH) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

function translate(error: unknown): ProblemException {
  const { status, type } = error as { status?: number; type?: string };
  if (status === 413)
    return ProblemException.of(413, 'PayloadTooLarge', 'Payload too large', `The request body exceeds ${BODY_LIMIT}.`);
  if (status === 415)
    return ProblemException.of(
      415,
      'UnsupportedMediaType',
      'Unsupported media type',
      'The body’s charset or encoding is not supported; send UTF-8.',
    );
  const detail =
    type === 'entity.parse.failed'
      ? 'The request body is not well-formed JSON (an object was expected).'
      : 'The request body could not be read.';
  return ProblemException.of(400, 'MalformedBody', 'Bad request', detail);
}
