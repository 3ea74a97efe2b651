import fc from 'fast-check';
import { type Endpoint, rolesAllowed } from './endpoints';
import { bad, fault, maybe, merge, ok, outcome, type Piece, Ref, type Wire } from './fuzz-request';
import { Huge } from './json-text';
import { BAD_TOKENS, GOOD_TOKENS, type GoodToken } from './tokens';

export type Headers = Array<readonly [string, Wire]>;

/**
 * node:http refuses a header section over 16 KiB with a bare 431. Values well under it are
 * "large"; values over it are "oversized".
 */
export const LARGE_HEADER = 6_000;
export const OVERSIZED_HEADER = 17_000;

/** Printable ASCII and Latin-1: all node:http lets a client put in a header value. */
const headerChar = fc.oneof(
  { weight: 5, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xa0, max: 0xff }).map((c) => String.fromCharCode(c)) },
);
const headerText = (min: number, max: number) =>
  fc.array(headerChar, { minLength: min, maxLength: max }).map((cs) => cs.join(''));

/** One header over node's limit on its own: node refuses the request before the API sees it. */
const oversized = (name: string, fill: string): Piece<Headers> =>
  bad<Headers>([[name, new Huge(fill, OVERSIZED_HEADER)]], fault('transport', 431, 'header section over 16 KiB'), 'node-refusal');

const goodTokenNames = Object.keys(GOOD_TOKENS) as GoodToken[];

/** The token most requests carry: an editor's, or for an endpoint editors may not call, the first role that may. */
function usualCaller(endpoint: Endpoint): GoodToken {
  if (typeof endpoint.access === 'string' || endpoint.access.includes('editor')) return 'editor';
  return endpoint.access[0];
}

/** Who the request claims to be: mostly an editor, sometimes someone else or no one valid. */
export function authorization(endpoint: Endpoint): fc.Arbitrary<Piece<Headers>> {
  const isPublic = endpoint.access === 'public';
  const unauthorized = (why: string) => fault('auth', 401, why);
  const good = (name: GoodToken): Piece<Headers> => {
    const headers: Headers = [['Authorization', new Ref(`token:${name}`)]];
    if (isPublic) return ok(headers);
    if (!rolesAllowed(endpoint, GOOD_TOKENS[name])) return bad(headers, fault('role', 403, `${name} may not call this`));
    // A reporter may not edit a published article: a legitimate 403, decided by the domain.
    if (name === 'reporter' && endpoint.command) return maybe(headers, [outcome('domain', 403, 'the article may be published')]);
    return ok(headers);
  };
  const refused = (headers: Headers, why: string): Piece<Headers> => (isPublic ? ok(headers) : bad(headers, unauthorized(why)));
  return fc.oneof(
    { weight: 70, arbitrary: fc.constant(good(usualCaller(endpoint))) },
    { weight: 10, arbitrary: fc.constantFrom(...goodTokenNames).map(good) },
    { weight: 4, arbitrary: fc.constant(refused([], 'no Authorization header')) },
    {
      weight: 5,
      arbitrary: fc
        .constantFrom(...BAD_TOKENS)
        .map((name) => refused([['Authorization', new Ref(`token:${name}`)]], `${name} token`)),
    },
    {
      weight: 4,
      arbitrary: fc
        .constantFrom(
          'Bearer',
          'Bearer ',
          'Basic ZWRkaWU6c2VjcmV0',
          'Token abc',
          'Bearer a b',
          'Bearer ey.J',
          'Bearer \u00e9t\u00e9',
          'Bearer eyJ\tx',
          'Bearer eyJhbGciOiJIUzI1NiJ9..',
        )
        .map((value) => refused([['Authorization', value]], `malformed Authorization ${JSON.stringify(value)}`)),
    },
    {
      // RFC 7235 makes the scheme case-insensitive; refusing `bearer` is defensible too.
      weight: 1,
      arbitrary: fc.constant(
        isPublic
          ? ok<Headers>([['Authorization', 'bearer x']])
          : maybe<Headers>(
              [['Authorization', new Ref(`token:lowercase:${usualCaller(endpoint)}`)]],
              [outcome('auth', 401, 'lower-case scheme')],
            ),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constant(refused([['Authorization', new Huge('A', LARGE_HEADER)]], 'a 6 kB token')),
    },
    {
      weight: 1,
      arbitrary: fc.constant(oversized('Authorization', 'A')),
    },
    {
      // Node keeps the first Authorization line and drops the rest: the first decides.
      weight: 2,
      arbitrary: fc.tuple(fc.boolean(), fc.constantFrom(...BAD_TOKENS)).map(([goodFirst, name]): Piece<Headers> => {
        const goodOne = good('editor');
        const badOne = new Ref(`token:${name}`);
        const headers: Headers = goodFirst
          ? [...goodOne.value, ['Authorization', badOne]]
          : [['Authorization', badOne], ...goodOne.value];
        return goodFirst
          ? { ...goodOne, value: headers, tags: ['duplicated-authorization'] }
          : refused(headers, 'first token bad');
      }),
    },
  );
}

/** `If-Match` on commands: current, stale, weak, star, lists, malformed, repeated. */
export function ifMatch(endpoint: Endpoint): fc.Arbitrary<Piece<Headers>> {
  const stale = outcome('domain', 412, 'If-Match may name another revision');
  const malformed = fault('envelope', 400, 'malformed If-Match');
  const single = fc.oneof(
    { weight: 4, arbitrary: fc.constant(ok<Wire>(new Ref('etag:current'))) },
    { weight: 2, arbitrary: fc.constant(maybe<Wire>(new Ref('etag:previous'), [stale])) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 9_999 }).map((n) => maybe<Wire>(`"${n}"`, [stale])) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 50 }).map((n) => maybe<Wire>(`W/"${n}"`, [stale])) },
    { weight: 1, arbitrary: fc.constant(ok<Wire>('*')) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(`"1", "2", "3"`, `"999", "1"`).map((v) => maybe<Wire>(v, [stale])),
    },
    {
      weight: 3,
      arbitrary: fc
        .constantFrom('1', '"x"', '"1', "'1'", '"-1"', 'W/1', '""', '"1"x', '"1";"2"', '**', '"1.5"', 'null', '"\u00e91"')
        .map((v) => bad<Wire>(v, malformed)),
    },
    { weight: 1, arbitrary: headerText(1, 30).map((v) => maybe<Wire>(v, [outcome('envelope', 400, 'random If-Match'), stale])) },
    // More digits than a revision can have: 400, or a 412 that matches nothing; both are fair.
    {
      weight: 1,
      arbitrary: fc.constant(maybe<Wire>('"99999999999999999999"', [outcome('envelope', 400, 'huge revision'), stale])),
    },
    { weight: 1, arbitrary: fc.constant(maybe<Wire>(new Huge('"1", ', 1_000), [outcome('envelope', 400, 'huge list'), stale])) },
  );
  const pieces = fc.oneof({ weight: 6, arbitrary: single.map((p) => [p]) }, { weight: 1, arbitrary: fc.tuple(single, single) });
  return pieces.map((list) => {
    const headers: Headers = list.map((p) => ['If-Match', p.value] as const);
    const tags = list.length > 1 ? ['duplicated-if-match'] : [];
    // Only commands read If-Match.
    if (!endpoint.command) return ok(headers, ...tags);
    const piece = merge(headers, ...list);
    // Node joins repeated lines with ", ": a "*" inside a list is not valid If-Match syntax.
    if (list.length > 1 && list.some((p) => p.value === '*')) piece.outcomes.push(outcome('envelope', 400, '"*" in a list'));
    // Creation still parses If-Match (a malformed one is refused) but has no revision to compare with.
    const creation = endpoint.path.length === 1;
    return { ...piece, outcomes: piece.outcomes.filter((o) => !creation || o.status !== 412), tags: [...piece.tags, ...tags] };
  });
}

/** A few keys shared across requests, so that replays and reuse with another request happen. */
export const KEY_POOL = ['fuzz-key-1', 'fuzz-key-2', 'fuzz-key-3', 'fuzz-key-4', 'fuzz-key-5'];

/** `Idempotency-Key` on commands: fresh, pooled, malformed, too long, repeated. */
export function idempotencyKey(endpoint: Endpoint): fc.Arbitrary<Piece<Headers>> {
  const malformed = fault('envelope', 400, 'malformed Idempotency-Key');
  const reused = outcome('replay', 422, 'key used before with another request');
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.uuid().map((k) => ok<Wire>(k)) },
    { weight: 4, arbitrary: fc.constantFrom(...KEY_POOL).map((k) => maybe<Wire>(k, [reused], 'pooled-key')) },
    // Fixed keys come back in later requests: like the pool, they may meet another request.
    { weight: 1, arbitrary: fc.constant(maybe<Wire>(new Huge('k', 200), [reused], 'pooled-key')) },
    {
      weight: 3,
      arbitrary: fc
        .constantFrom('has space', 'cl\u00e9', 'a,b', 'tab\there', '"quoted" key')
        .map((k) =>
          k.includes(' ') || k.includes('\t') || /[^\x21-\x7e]/.test(k)
            ? bad<Wire>(k, malformed)
            : maybe<Wire>(k, [reused], 'pooled-key'),
        ),
    },
    { weight: 1, arbitrary: fc.constant(bad<Wire>(new Huge('k', 201), malformed)) },
    { weight: 1, arbitrary: fc.constant(bad<Wire>(new Huge('k', LARGE_HEADER), malformed)) },
    { weight: 1, arbitrary: fc.constant(maybe<Wire>('', [outcome('envelope', 400, 'empty key')])) },
  );
  return fc
    .oneof(
      { weight: 8, arbitrary: key.map((k): Piece<Headers> => ({ ...k, value: [['Idempotency-Key', k.value]] })) },
      {
        // Node joins repeated lines with ", ": never a valid key.
        weight: 1,
        arbitrary: fc.tuple(fc.uuid(), fc.uuid()).map(([a, b]) =>
          bad<Headers>(
            [
              ['Idempotency-Key', a],
              ['Idempotency-Key', b],
            ],
            malformed,
            'duplicated-idempotency-key',
          ),
        ),
      },
    )
    .map((piece) => (endpoint.command ? piece : ok(piece.value, ...piece.tags)));
}

/** `X-Request-Id`: echoed when sane, replaced otherwise. */
export const requestId: fc.Arbitrary<Piece<Headers>> = fc.oneof(
  fc.uuid().map((id) => ok<Headers>([['X-Request-Id', id]], 'request-id')),
  headerText(1, 40).map((id) => ok<Headers>([['X-Request-Id', id]])),
  fc.constant(ok<Headers>([['X-Request-Id', new Huge('r', 300)]])),
  fc.constant(
    ok<Headers>([
      ['X-Request-Id', 'one'],
      ['X-Request-Id', 'two'],
    ]),
  ),
);

/** Headers the API should not care about, at sizes up to and over node's limit. */
export const junkHeaders: fc.Arbitrary<Piece<Headers>> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .constantFrom('application/xml', 'text/html', '*/*', 'application/problem+json', '')
      .map((v) => ok<Headers>([['Accept', v]])),
  },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.stringMatching(/^X-[A-Za-z0-9-]{1,20}$/), headerText(0, 60))
      .map(([name, value]) => ok<Headers>([[name, value]])),
  },
  { weight: 1, arbitrary: fc.constant(ok<Headers>([['X-Padding', new Huge('p', LARGE_HEADER)]], 'large-header')) },
  {
    weight: 1,
    arbitrary: fc.constant(oversized('X-Padding', 'p')),
  },
  { weight: 1, arbitrary: fc.constant(ok<Headers>([['Content-Encoding', 'identity']])) },
  {
    // Node answers an expectation it cannot meet itself, before the application sees the request.
    weight: 1,
    arbitrary: fc.constant(bad<Headers>([['Expect', 'the-unexpected']], fault('transport', 417, 'unmet Expect'), 'node-refusal')),
  },
);
