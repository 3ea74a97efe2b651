import { ENDPOINTS } from './endpoints';
import type { Exchange } from './fuzz-world';
import { type FuzzRequest, Ref, stageIndex } from './fuzz-request';

/** One broken promise of API.md, with the kind of promise it was. */
export interface Violation {
  kind: 'server-error' | 'status' | 'problem-shape' | 'event-log' | 'headers' | 'content';
  message: string;
}

const endpointNamed = (name: string) => {
  const endpoint = ENDPOINTS.find((e) => e.name === name);
  if (!endpoint) throw new Error(`unknown endpoint ${name}`);
  return endpoint;
};

/**
 * The statuses the request may get: those of its faults (any of them, the API may check in any
 * order within reason), or, when nothing is wrong with it, the endpoint's legitimate outcomes.
 * A legitimate outcome that the API decides before a fault is looked at still counts.
 */
export function allowedStatuses(request: Pick<FuzzRequest, 'endpoint' | 'faults' | 'outcomes'>): Set<number> {
  const endpoint = endpointNamed(request.endpoint);
  const firstFault = Math.min(...request.faults.map((f) => stageIndex(f.stage)));
  const allowed = new Set<number>(request.faults.flatMap((f) => f.statuses));
  for (const o of request.outcomes) if (stageIndex(o.stage) < firstFault) allowed.add(o.status);
  if (request.faults.length === 0) for (const status of endpoint.outcomes) allowed.add(status);
  return allowed;
}

/** node:http's default limit on the whole header section (--max-http-header-size). */
const MAX_HEADER_SECTION = 16 * 1024;

/**
 * Several headers that are each fine can still add up past node's limit, and then node refuses
 * the request before the application sees it, whatever else is wrong with it.
 */
function overNodeHeaderLimit(exchange: Exchange): boolean {
  const { wire } = exchange;
  let bytes = Buffer.byteLength(`${wire.method} ${wire.target} HTTP/1.1\r\n`);
  for (const [name, value] of wire.headers) bytes += Buffer.byteLength(`${name}: ${value}\r\n`, 'latin1');
  return bytes > MAX_HEADER_SECTION;
}

const STACK_TRACE = /\bat .+\.(ts|js):\d+|node_modules\//;

function problemShape(exchange: Exchange): Violation[] {
  const { response, request } = exchange;
  if (request.method === 'HEAD') return [];
  const violations: Violation[] = [];
  const shape = (message: string) => violations.push({ kind: 'problem-shape', message });
  const type = response.headers['content-type'] ?? '(none)';
  if (!/^application\/problem\+json/.test(type)) shape(`content type ${type}, not application/problem+json`);
  const body = response.json as Record<string, unknown> | undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    shape(`body is not a JSON object: ${response.text.slice(0, 200)}`);
    return violations;
  }
  for (const member of ['type', 'title', 'detail'] as const) {
    if (typeof body[member] !== 'string' || body[member] === '') shape(`"${member}" is not a non-empty string`);
  }
  // The API's problem types are URI references under /problems/ (or RFC 9457's about:blank).
  if (typeof body.type === 'string' && !/^(\/problems\/[a-z0-9-]+|about:blank|https?:\/\/\S+)$/.test(body.type)) {
    shape(`"type" ${JSON.stringify(body.type)} is not a problem type URI`);
  }
  if (body.status !== response.status) shape(`"status" is ${JSON.stringify(body.status)}, the response ${response.status}`);
  if (body.errors !== undefined) {
    const errors = body.errors;
    const wellFormed =
      Array.isArray(errors) &&
      errors.every((e) => typeof e === 'object' && e !== null && typeof e.field === 'string' && typeof e.message === 'string');
    if (!wellFormed) shape(`"errors" is not [{ field, message }]: ${JSON.stringify(errors).slice(0, 200)}`);
  }
  if (STACK_TRACE.test(response.text)) shape('the body leaks a stack trace or a source path');
  return violations;
}

/** Every promise of API.md that one exchange can be held to. */
export function violationsOf(exchange: Exchange): Violation[] {
  const { request, response, appended, revisionBefore } = exchange;
  const endpoint = endpointNamed(request.endpoint);
  const status = response.status;
  const violations: Violation[] = [];
  const add = (kind: Violation['kind'], message: string) => violations.push({ kind, message });

  if (status >= 500) add('server-error', `${status} for a request the server should have handled`);
  const allowed = overNodeHeaderLimit(exchange) ? new Set([431]) : allowedStatuses(request);
  if (!allowed.has(status)) add('status', `status ${status}, expected one of ${[...allowed].sort().join(', ')}`);
  if (status >= 400) violations.push(...problemShape(exchange));
  if (status === 401 && !response.headers['www-authenticate']) add('headers', '401 without WWW-Authenticate');
  if ((status === 405 || (status === 204 && request.method === 'OPTIONS')) && !response.headers.allow)
    add('headers', `${status} without Allow`);

  const success = status >= 200 && status < 300;
  const isCommand = endpoint.command && request.method === endpoint.method;
  const replayed = response.headers['idempotent-replayed'] === 'true';
  if (!success && appended !== 0) add('event-log', `a refused request (${status}) appended ${appended} event(s)`);
  if (success && !isCommand && appended !== 0) add('event-log', `a read appended ${appended} event(s)`);
  if (success && isCommand) {
    const creation = endpoint.path.length === 1;
    const expected = replayed ? [0] : creation ? [1] : [0, 1];
    if (!expected.includes(appended))
      add('event-log', `a command appended ${appended} event(s), expected ${expected.join(' or ')}`);
    const answer = response.json as Record<string, unknown> | undefined;
    const article = (endpoint.articleKey ? answer?.[endpoint.articleKey] : answer) as { revision?: unknown } | undefined;
    if (typeof article?.revision !== 'number') add('headers', 'a command answered without the article');
    else {
      if (response.headers.etag !== `"${article.revision}"`)
        add('headers', `ETag ${response.headers.etag} for revision ${article.revision}`);
      const onTarget = request.path[1] instanceof Ref && request.path[1].name.toLowerCase() === 'target';
      if (!replayed && !creation && onTarget && article.revision !== revisionBefore + appended) {
        add('event-log', `revision ${article.revision} after ${appended} event(s) on revision ${revisionBefore}`);
      }
    }
  }
  if (success && status !== 204 && request.method !== 'HEAD') {
    const type = response.headers['content-type'] ?? '';
    const wanted = endpoint.html ? /^text\/html/ : /^application\/json/;
    if (!wanted.test(type)) add('headers', `2xx with content type ${type || '(none)'}`);
  }
  // An article that exists has at least its creation on the first page of its log.
  if (success && request.endpoint === 'GET /articles/{id}/events' && request.method === 'GET') {
    const items = (response.json as { items?: unknown } | undefined)?.items;
    const firstPage = !request.query.some(([name]) => name === 'cursor');
    if (!Array.isArray(items) || (firstPage && items.length === 0)) {
      add('content', `the event log of an existing article is ${response.text.slice(0, 40)}`);
    }
  }
  if (replayed && !(isCommand && request.headers.some(([name]) => name.toLowerCase() === 'idempotency-key'))) {
    add('headers', 'Idempotent-Replayed on a request without an Idempotency-Key');
  }
  const given = exchange.wire.headers.filter(([name]) => name.toLowerCase() === 'x-request-id').map(([, v]) => v);
  const echoed = response.headers['x-request-id'];
  if (status !== 431 && status !== 417) {
    if (typeof echoed !== 'string' || echoed === '') add('headers', 'no X-Request-Id in the response');
    else if (given.length === 1 && /^[\x21-\x7e]{1,200}$/.test(given[0]) && echoed !== given[0]) {
      add('headers', `X-Request-Id ${JSON.stringify(given[0])} echoed as ${JSON.stringify(echoed)}`);
    }
  }
  return violations;
}
