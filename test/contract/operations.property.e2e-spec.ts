import fc from 'fast-check';
import type { Role } from '@newsroom/articles';
import type { Operation } from '../../apps/newsroom-api/src/contract/operation';
import { OPERATIONS } from '../../apps/newsroom-api/src/contract/operations';
import { RequestValidator, type RawRequest } from '../../apps/newsroom-api/src/contract/request-validator';
import { createSampleArticle } from '../support/articles-api';
import { createTestApp, type TestApp } from '../support/test-app';
import {
  type ContractRequest,
  type InvalidRequest,
  invalidRequestOf,
  type RequestWorld,
  validRequestOf,
} from './schema-arbitraries';

/**
 * Issue 17, "must show": for every operation of the contract, requests generated from its own
 * schemas, on the sample story. A valid one is never answered 400 (state rules such as 403, 404,
 * 409, 412 or 422 are fine); one with exactly one fault always is, as problem+json naming the
 * field; nothing is ever a 5xx. Each generated request is first checked against the contract's
 * own validator, so that a generator mistake is told apart from a server's.
 *
 * CONTRACT_RUNS requests per property (15 in `npm test`, 500 in `npm run test:contract`);
 * CONTRACT_SEED replays a run.
 */
const RUNS = positive(process.env.CONTRACT_RUNS, 15);
const SEED =
  process.env.CONTRACT_SEED === undefined ? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0 : Number(process.env.CONTRACT_SEED);

interface Answer {
  status: number;
  contentType: string;
  body: unknown;
  text: string;
}

describe('every operation under requests generated from its own schemas', () => {
  let t: TestApp;
  let world: RequestWorld;
  const tokens = new Map<Role, string>();
  const tally = new Map<string, Map<string, number>>();

  beforeAll(async () => {
    // The one-click sign-in is mounted as on the embedded default, so that it is tested like every route.
    t = await createTestApp({ localSignIn: true });
    for (const role of ['reporter', 'editor', 'auditor', 'legal'] as const)
      tokens.set(role, await t.token(`contract-${role}`, role));
    const editor = tokens.get('editor') as string;
    const articleId = await createSampleArticle(t, editor);
    world = { articleId, cursors: await cursorsHandedOut(t, editor, articleId) };
  });

  afterAll(async () => {
    console.log(
      `contract properties: CONTRACT_SEED=${SEED}, ${RUNS} runs per property\n${[...tally]
        .map(([name, statuses]) => `  ${name}: ${[...statuses].map(([status, n]) => `${status}×${n}`).join(' ')}`)
        .join('\n')}`,
    );
    await t?.close();
  });

  async function send(request: ContractRequest): Promise<Answer> {
    const operation = operationOf(request.operationId);
    const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(request.params[name]));
    const query = request.query.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
    let call = t.http()[request.method](query ? `${path}?${query}` : path);
    if (request.role) call = call.set('Authorization', `Bearer ${tokens.get(request.role)}`);
    for (const [name, value] of Object.entries(request.headers)) call = call.set(name, value);
    if (request.body) {
      const { mediaType, value } = request.body;
      call = call.set('Content-Type', mediaType === 'text/plain' ? 'text/plain; charset=utf-8' : mediaType);
      call = call.send(mediaType === 'application/json' ? JSON.stringify(value) : (value as string));
    }
    const res = await call;
    return { status: res.status, contentType: String(res.headers['content-type'] ?? ''), body: res.body, text: res.text };
  }

  function count(name: string, status: number | string): void {
    const statuses = tally.get(name) ?? new Map<string, number>();
    statuses.set(String(status), (statuses.get(String(status)) ?? 0) + 1);
    tally.set(name, statuses);
  }

  for (const operation of OPERATIONS) {
    it(
      `${operation.operationId} (${operation.method.toUpperCase()} ${operation.path}): valid requests are not 400, invalid ones are, none is 5xx`,
      async () => {
        const validator = new RequestValidator(operation);

        const valid = fc.asyncProperty(validRequestOf(operation, world), async (request) => {
          const verdict = validator.validate(rawOf(request));
          if (!verdict.valid)
            throw new Error(`generator bug: the contract refuses ${show(request)}: ${JSON.stringify(verdict.errors)}`);
          const answer = await send(request);
          count(`${operation.operationId} valid`, answer.status);
          if (answer.status === 400 || answer.status >= 500)
            throw new Error(`a valid request was answered ${answer.status}\n${show(request)}\n→ ${answer.text.slice(0, 1000)}`);
        });
        await check(valid, `${operation.operationId}, valid requests`);

        const invalidRequests = invalidRequestOf(operation, world);
        if (!invalidRequests) return;
        const invalid = fc.asyncProperty(invalidRequests, async (broken) => {
          const verdict = validator.validate(rawOf(broken.request));
          if (verdict.valid && !broken.beyondSchema)
            throw new Error(`generator bug: the contract accepts ${describeFault(broken)}`);
          const answer = await send(broken.request);
          count(`${operation.operationId} invalid`, answer.status);
          count('faults sent', `${broken.where} ${broken.breaks}`);
          const problem = refusalProblem(answer, broken);
          if (problem) throw new Error(`${problem}\n${describeFault(broken)}\n→ ${answer.status} ${answer.text.slice(0, 1000)}`);
        });
        await check(invalid, `${operation.operationId}, invalid requests`);
      },
      Math.max(60_000, RUNS * 2 * 400),
    );
  }
});

async function check(property: fc.IAsyncProperty<[unknown]>, name: string): Promise<void> {
  try {
    await fc.assert(property, { numRuns: RUNS, seed: SEED, path: process.env.CONTRACT_PATH });
  } catch (error) {
    console.error(
      `${name} failed with CONTRACT_SEED=${SEED} (CONTRACT_RUNS=${RUNS}); CONTRACT_PATH from fast-check's report below replays it`,
    );
    throw error;
  }
}

/** What is wrong with the answer to an invalid request, or undefined when it is the right 400. */
function refusalProblem(answer: Answer, broken: InvalidRequest): string | undefined {
  if (answer.status !== 400) return `an invalid request was answered ${answer.status}, not 400`;
  if (!answer.contentType.startsWith('application/problem+json')) return `the 400 is ${answer.contentType}, not problem+json`;
  if (broken.field === undefined) return undefined;
  const errors = (answer.body as { errors?: Array<{ field?: unknown }> }).errors;
  if (!Array.isArray(errors)) return 'the 400 has no errors[]';
  if (!errors.some((error) => error.field === broken.field)) return `errors[] does not name ${JSON.stringify(broken.field)}`;
  return undefined;
}

/** The request as Express hands it to the contract guard. */
function rawOf(request: ContractRequest): RawRequest {
  const query: Record<string, unknown> = {};
  for (const [name, value] of request.query) {
    const before = query[name];
    query[name] = before === undefined ? value : ([] as unknown[]).concat(before, value);
  }
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value.trim()]));
  const { body } = request;
  return {
    params: request.params,
    query,
    headers,
    body:
      body === undefined
        ? undefined
        : body.mediaType === 'application/json'
          ? JSON.parse(JSON.stringify(body.value))
          : body.value,
    mediaType: body?.mediaType,
  };
}

function operationOf(operationId: string): Operation {
  return OPERATIONS.find((operation) => operation.operationId === operationId) as Operation;
}

function show(request: ContractRequest): string {
  const operation = operationOf(request.operationId);
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(request.params[name]));
  const query = request.query.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
  const lines = [`${request.method.toUpperCase()} ${path}${query ? `?${query}` : ''} (token: ${request.role ?? 'none'})`];
  for (const [name, value] of Object.entries(request.headers)) lines.push(`${name}: ${JSON.stringify(value)}`);
  if (request.body) {
    const text =
      request.body.mediaType === 'application/json' ? JSON.stringify(request.body.value) : JSON.stringify(request.body.value);
    lines.push(
      `Content-Type: ${request.body.mediaType}`,
      text.length > 600 ? `${text.slice(0, 600)}… (${text.length} chars)` : text,
    );
  }
  return lines.join('\n');
}

function describeFault(broken: InvalidRequest): string {
  return `fault in ${broken.where} ${JSON.stringify(broken.field ?? '(no field)')}: breaks ${broken.breaks}\n${show(broken.request)}`;
}

/**
 * A `cursor` is opaque: a valid one is one the API handed out. The sample gets a second revision,
 * a second article is written with two correction notices, and each list is read a page of one
 * at a time to collect its cursors.
 */
async function cursorsHandedOut(t: TestApp, token: string, articleId: string): Promise<Record<string, string[]>> {
  const auth = { Authorization: `Bearer ${token}` };
  const expectOk = (res: { status: number; text: string }, what: string) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${res.text}`);
  };
  expectOk(
    await t.http().put(`/articles/${articleId}/headline`).set(auth).send({ headline: 'Geneva summit', reason: 'A headline' }),
    'set headline',
  );
  const second = await t.http().post('/articles').set(auth).send({ body: 'Alpha beta gamma.\n\nDelta epsilon.' });
  expectOk(second, 'second article');
  const secondId = (second.body as { id: string }).id;
  for (const [find, replace] of [
    ['Alpha', 'Omega'],
    ['Delta', 'Sigma'],
  ]) {
    expectOk(
      await t
        .http()
        .post(`/articles/${secondId}/text-corrections`)
        .set(auth)
        .send({ find, replace, reason: 'Typo', notice: `${find} was misspelt.` }),
      'correction',
    );
  }
  const cursors = async (path: string, order = '') => {
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const res: { status: number; text: string; body: unknown } = await t
        .http()
        .get(`${path}?limit=1${order}${next ? `&cursor=${encodeURIComponent(next)}` : ''}`)
        .set(auth);
      expectOk(res, `GET ${path}`);
      next = (res.body as { nextCursor: string | null }).nextCursor;
      if (next) seen.push(next);
    } while (next && seen.length < 5);
    if (seen.length === 0) throw new Error(`GET ${path} handed out no cursor`);
    return seen;
  };
  return {
    listArticles: await cursors('/articles'),
    listRevisions: await cursors(`/articles/${articleId}/revisions`),
    'listRevisions:desc': await cursors(`/articles/${articleId}/revisions`, '&order=desc'),
    listCorrections: await cursors('/corrections'),
  };
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n > 0 ? n : fallback;
}
