import type { ValidateFunction } from 'ajv';
import { contractAjv } from '../../../apps/newsroom-api/src/contract/ajv';
import { openApiDocument } from '../../../apps/newsroom-api/src/contract/openapi-document';
import type { Schema } from '../../../apps/newsroom-api/src/contract/schema-kit';

/** A response as received: status, headers (names in lower case) and the body's raw text ('' when none). */
export interface ReceivedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

interface DocumentedAnswer {
  content?: Record<string, { schema: Schema }>;
  headers?: Record<string, { schema: Schema }>;
}

interface DocumentedOperation {
  operationId: string;
  responses: Record<string, DocumentedAnswer>;
}

type PathItem = Record<string, DocumentedOperation>;

interface PathTemplate {
  template: string;
  pattern: RegExp;
  literals: number;
  item: PathItem;
}

const COMPONENTS_ID = 'https://newsroom.test/openapi/components';
const PROBLEM_MEDIA_TYPE = 'application/problem+json';
/** Swagger UI and the document itself: served by @nestjs/swagger, not operations of the document. */
const DOCS = /^\/docs(-json|\/.*)?$/;
/** The desk's static files and its single-page routes (GET and HEAD only; anything else is 404). */
const DESK = /^\/desk(\/.*)?$/;

/**
 * Checks answers against the OpenAPI document: the status is one its operation lists, the
 * media type one that answer documents, the body valid against its schema and documented
 * headers valid against theirs. Answers outside every operation follow API.md: 405 with Allow
 * (OPTIONS: 204 with Allow) on a known path, 404 problem+json elsewhere.
 */
export class ResponseChecker {
  private readonly paths: PathTemplate[];
  private readonly ajv = contractAjv();
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document: Schema = openApiDocument()) {
    const components = (document.components as { schemas?: Record<string, Schema> } | undefined)?.schemas ?? {};
    this.ajv.addSchema({ $id: COMPONENTS_ID, $defs: withComponentRefs(components) });
    this.paths = Object.entries(document.paths as Record<string, PathItem>).map(([template, item]) => {
      const segments = template.split('/');
      const source = segments.map((segment) => (/^\{[^}]+\}$/.test(segment) ? '[^/]+' : escapeRegExp(segment))).join('/');
      const literals = segments.filter((segment) => segment !== '' && !segment.startsWith('{')).length;
      return { template, pattern: new RegExp(`^${source}$`), literals, item };
    });
  }

  /** What is wrong with this answer to `method url` (a path or a full URL), or [] when nothing is. */
  check(method: string, url: string, response: ReceivedResponse): string[] {
    const verb = method.toUpperCase();
    const path = pathOf(url);
    const { status } = response;
    if (status >= 500 && status !== 503) return [`status ${status} is never in the contract`];
    const known = this.templateOf(path);
    if (!known) {
      if (DOCS.test(path)) return this.docsAnswer(verb, response);
      if (DESK.test(path) && (verb === 'GET' || verb === 'HEAD') && status !== 404) return [];
      if (status !== 404) return [`unknown path: expected 404, got ${status}`];
      return verb === 'HEAD' ? [] : this.problemBody(response);
    }
    const own = (method: string) => (Object.hasOwn(known.item, method) ? known.item[method] : undefined);
    const operation = own(verb.toLowerCase()) ?? (verb === 'HEAD' ? own('get') : undefined);
    if (!operation) return this.unservedMethod(verb, known, response);
    const answer = Object.hasOwn(operation.responses, status) ? operation.responses[status] : undefined;
    if (!answer) return [`status ${status} not listed for ${operation.operationId}`];
    return [...this.headersOf(answer, response), ...(verb === 'HEAD' ? [] : this.content(answer, response))];
  }

  private templateOf(path: string): PathTemplate | undefined {
    return this.paths.filter(({ pattern }) => pattern.test(path)).sort((a, b) => b.literals - a.literals)[0];
  }

  private docsAnswer(verb: string, response: ReceivedResponse): string[] {
    if (verb === 'GET' || verb === 'HEAD') return [];
    if (verb === 'OPTIONS')
      return response.status === 204 && header(response, 'allow') ? [] : ['OPTIONS: expected 204 with Allow'];
    if (response.status === 404) return this.problemBody(response);
    if (response.status !== 405) return [`expected 404 or 405, got ${response.status}`];
    return [...(header(response, 'allow') ? [] : ['405 without Allow']), ...this.problemBody(response)];
  }

  /** A known path asked with a method no operation of it takes: 405 with Allow, OPTIONS 204 with Allow. */
  private unservedMethod(verb: string, known: PathTemplate, response: ReceivedResponse): string[] {
    const methods = Object.keys(known.item).map((method) => method.toUpperCase());
    if (methods.includes('GET')) methods.push('HEAD');
    methods.push('OPTIONS');
    const expected = verb === 'OPTIONS' ? 204 : 405;
    if (response.status !== expected) return [`${known.template} takes no ${verb}: expected ${expected}, got ${response.status}`];
    const allow = (header(response, 'allow') ?? '')
      .split(',')
      .map((method) => method.trim().toUpperCase())
      .filter(Boolean);
    const problems: string[] = [];
    if (!sameSet(allow, methods)) problems.push(`Allow "${allow.join(', ')}", expected the methods ${methods.join(', ')}`);
    if (verb === 'OPTIONS') {
      if (response.text !== '') problems.push('OPTIONS answered with a body');
    } else if (verb !== 'HEAD') problems.push(...this.problemBody(response));
    return problems;
  }

  private problemBody(response: ReceivedResponse): string[] {
    return this.content({ content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } } }, response);
  }

  private content(answer: DocumentedAnswer, response: ReceivedResponse): string[] {
    const documented = answer.content ?? {};
    const mediaType = (header(response, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (response.text === '') {
      return Object.keys(documented).length === 0 ? [] : [`empty body, expected ${Object.keys(documented).join(' or ')}`];
    }
    const media = documented[mediaType];
    if (!media) {
      const expected = Object.keys(documented).join(' or ') || 'no body';
      return [`content type "${mediaType || '(none)'}", expected ${expected}`];
    }
    let body: unknown = response.text;
    if (/[/+]json$/.test(mediaType)) {
      try {
        body = JSON.parse(response.text);
      } catch {
        return [`${mediaType} body is not JSON`];
      }
    }
    const errors = this.errors(media.schema, body, 'body');
    // RFC 9457: a problem's status member is the status of the answer that carries it.
    const member = (body as { status?: unknown } | null)?.status;
    if (mediaType === PROBLEM_MEDIA_TYPE && member !== undefined && member !== response.status) {
      errors.push(`problem status ${String(member)} in a ${response.status} answer`);
    }
    return errors;
  }

  /** Documented headers that were sent must hold to their schemas (header values are text: integers are read). */
  private headersOf(answer: DocumentedAnswer, response: ReceivedResponse): string[] {
    return Object.entries(answer.headers ?? {}).flatMap(([name, { schema }]) => {
      const value = header(response, name.toLowerCase());
      if (value === undefined) return [];
      const read = schema.type === 'integer' && /^-?\d+$/.test(value) ? Number(value) : value;
      return this.errors(schema, read, `header ${name}`);
    });
  }

  private errors(schema: Schema, value: unknown, where: string): string[] {
    const validate = this.validator(schema);
    if (validate(value)) return [];
    return (validate.errors ?? []).slice(0, 3).map((error) => {
      const params = error.params as { additionalProperty?: string };
      const extra = params.additionalProperty ? ` (${params.additionalProperty})` : '';
      return `${where}${error.instancePath} ${error.message}${extra}`;
    });
  }

  private validator(schema: Schema): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(withComponentRefs(schema));
      this.validators.set(key, validate);
    }
    return validate;
  }
}

let shared: ResponseChecker | undefined;

/** Checks against the API's own document (compiled once per test file). */
export function checkResponse(method: string, url: string, response: ReceivedResponse): string[] {
  shared ??= new ResponseChecker();
  return shared.check(method, url, response);
}

/** `#/components/schemas/X` points into the document; compiled on their own, schemas reach X in the components schema. */
function withComponentRefs<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withComponentRefs) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) =>
      key === '$ref' && typeof item === 'string' && item.startsWith('#/components/schemas/')
        ? [key, `${COMPONENTS_ID}#/$defs/${item.slice('#/components/schemas/'.length)}`]
        : [key, withComponentRefs(item)],
    ),
  ) as T;
}

function pathOf(url: string): string {
  return new URL(url, 'http://localhost').pathname;
}

function header(response: ReceivedResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
