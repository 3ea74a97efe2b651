import request from 'supertest';
import type { ReceivedResponse } from './response-checker';

/**
 * Jest setup file (setupFilesAfterEnv): every answer a test receives through supertest is checked
 * against the OpenAPI document (test/support/contract/response-checker.ts), whether or not the
 * test looks at it, and the test that received an answer outside the contract fails in its
 * afterEach. supertest's Test calls `assert(error, res, fn)` once per response, `.expect()` or not.
 * Raw sockets (the fuzzer's wire.ts) and fetch() against API processes are not seen here.
 */

interface Received {
  method: string;
  url: string;
  response: ReceivedResponse;
}

interface SuperagentResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text?: unknown;
  body?: unknown;
}

type Assert = (this: { method: string; url: string }, error: unknown, res: SuperagentResponse | undefined, fn: unknown) => void;

const received: Received[] = [];
const prototype = request.Test.prototype as unknown as { assert: Assert };
const assert = prototype.assert;

prototype.assert = function (error, res, fn) {
  if (res)
    received.push({
      method: this.method,
      url: this.url,
      response: { status: res.status, headers: res.headers, text: textOf(res) },
    });
  return assert.call(this, error, res, fn);
};

/** Records an answer received by other means than supertest (the typed client's fetch). */
export function recordExchange(method: string, url: string, response: ReceivedResponse): void {
  received.push({ method, url, response });
}

/** Checks the answers received since the last call and forgets them: one line per answer outside the document. */
export async function takeViolations(): Promise<string[]> {
  const exchanges = received.splice(0);
  if (exchanges.length === 0) return [];
  const { checkResponse } = await import('./response-checker.js');
  return exchanges.flatMap(({ method, url, response }) => {
    const problems = checkResponse(method, url, response);
    return problems.length === 0 ? [] : [`${method} ${shortPath(url)} → ${response.status}: ${problems.join('; ')}`];
  });
}

afterEach(async () => failOn(await takeViolations()));

// Answers received after the last test (in afterAll, say) are checked too.
afterAll(async () => failOn(await takeViolations()));

function failOn(lines: string[]): void {
  if (lines.length === 0) return;
  const more = lines.length > 10 ? `\n  … and ${lines.length - 10} more` : '';
  const error = new Error(`answers outside the OpenAPI document:\n  ${lines.slice(0, 10).join('\n  ')}${more}`);
  error.stack = error.message;
  throw error;
}

/** The body as received: superagent keeps text for text and JSON types, a Buffer for others. */
function textOf(res: SuperagentResponse): string {
  if (typeof res.text === 'string') return res.text;
  if (Buffer.isBuffer(res.body)) return res.body.toString('utf8');
  return '';
}

function shortPath(url: string): string {
  const parsed = new URL(url, 'http://localhost');
  const path = parsed.pathname + parsed.search;
  return path.length > 120 ? `${path.slice(0, 117)}…` : path;
}
