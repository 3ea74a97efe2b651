import fc from 'fast-check';
import { ENDPOINTS, type Endpoint, type Segment } from './endpoints';
import { bad, fault, maybe, ok, outcome, type Piece, Ref, type Wire } from './fuzz-request';
import { visibleText } from './hostile-strings';
import { Huge } from './json-text';

export interface Route {
  method: string;
  path: Wire[];
}

const A_UUID = '3b241101-e2bb-4255-8caf-4136c566a962';

/** Strings the API must refuse as article ids (400): none of them is a UUID once decoded. */
const MALFORMED_IDS = [
  'not-a-uuid',
  `${A_UUID}0`,
  A_UUID.replace(/-/g, ''),
  `%7B${A_UUID}%7D`,
  `%20${A_UUID}`,
  `${A_UUID.slice(0, -1)}g`,
  '..',
  '-1',
  '0',
  'null',
  'undefined',
  '%00',
  `${A_UUID.slice(0, 8)}%2F${A_UUID.slice(9)}`,
  encodeURIComponent("1' OR '1'='1"),
  encodeURIComponent('<script>'),
  encodeURIComponent('é'),
  '%F0%9F%98%80',
  encodeURIComponent('\u202e') + A_UUID.slice(1),
];

/** Escapes that cannot be percent-decoded: the router must answer 400, not crash. */
const UNDECODABLE = ['%zz', '%', '%E0%A4%A', '%uD800', 'a%2'];

/** Well-formed UUIDs that are not version 4 (the server only hands out v4). */
const OTHER_UUIDS = [
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'c232ab00-9414-11ec-b3c8-9f6bdeced846', // v1
  '0190a0b8-3c4d-7e5f-8a9b-0c1d2e3f4a5b', // v7
];

function articleId(endpoint: Endpoint): fc.Arbitrary<Piece<Wire>> {
  const undecodable = fault('decode', 400, 'undecodable percent escape in the path');
  return fc
    .oneof(
      { weight: 85, arbitrary: fc.constant(ok<Wire>(new Ref('target'))) },
      {
        weight: 5,
        arbitrary: fc.uuid({ version: 4 }).map((id) => bad<Wire>(id, fault('article', 404, 'unknown article'), 'unknown-id')),
      },
      {
        // The same UUID in capitals: the same article to a UUID parser, another string to a naive store.
        weight: 2,
        arbitrary: fc.constant(maybe<Wire>(new Ref('TARGET'), [outcome('article', 404, 'upper-case id')], 'upper-case-id')),
      },
      {
        weight: 2,
        arbitrary: fc
          .constantFrom(...OTHER_UUIDS)
          .map((id) => bad<Wire>(id, fault('article', 404, 'a UUID of another version: no article has it'))),
      },
      {
        weight: 5,
        arbitrary: fc
          .oneof(fc.constantFrom(...MALFORMED_IDS), fc.constant(new Huge('a', 2_000)))
          .map((id) => bad<Wire>(id, fault('validation', 400, 'malformed id'), 'malformed-id')),
      },
      { weight: 1, arbitrary: fc.constantFrom(...UNDECODABLE).map((id) => bad<Wire>(id, undecodable, 'undecodable-path')) },
    )
    .map((piece) => (endpoint.path.includes(':id') ? piece : ok(piece.value)));
}

function revisionNumber(): fc.Arbitrary<Piece<Wire>> {
  const malformed = fault('validation', 400, 'revision is not a whole number from 1');
  return fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 1, max: 30 }).map((n) => ok<Wire>(String(n))) },
    {
      weight: 3,
      arbitrary: fc
        .constantFrom(
          '0',
          '-1',
          '1.5',
          'abc',
          '2147483648',
          '99999999999',
          '1e3',
          '%20',
          'NaN',
          'Infinity',
          '0x10',
          '%201',
          '1%00',
        )
        .map((n) => bad<Wire>(n, malformed)),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('01', '0002').map((n) => maybe<Wire>(n, [outcome('validation', 400, 'leading zeros')])),
    },
    { weight: 1, arbitrary: fc.constant(bad<Wire>('%zz', fault('decode', 400, 'undecodable'), 'undecodable-path')) },
  );
}

function slug(): fc.Arbitrary<Piece<Wire>> {
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .constantFrom('diplomacy', 'ukraine', 'cafe-society', 'us-russia-relations', 'strasse')
        .map((s) => ok<Wire>(s)),
    },
    { weight: 2, arbitrary: fc.stringMatching(/^[a-z0-9-]{1,20}$/).map((s) => ok<Wire>(s)) },
    { weight: 2, arbitrary: visibleText(6).map((s) => ok<Wire>(encodeURIComponent(s))) },
    { weight: 1, arbitrary: fc.constantFrom('%00', '%2F', '..', '%20').map((s) => ok<Wire>(s)) },
    { weight: 1, arbitrary: fc.constant(ok<Wire>(new Huge('s', 3_000))) },
    { weight: 1, arbitrary: fc.constant(bad<Wire>('%zz', fault('decode', 400, 'undecodable'), 'undecodable-path')) },
  );
}

function segment(endpoint: Endpoint, part: Segment): fc.Arbitrary<Piece<Wire>> {
  if (part === ':id') return articleId(endpoint);
  if (part === ':n') return revisionNumber();
  if (part === ':slug') return slug();
  return fc.constant(ok<Wire>(part));
}

const sameShape = (a: readonly Segment[], b: readonly Segment[]) => a.length === b.length && a.every((s, i) => s === b[i]);

/** Whether another route of the same method takes this path with its last segment as a parameter. */
const parameterRoute = (method: string, path: readonly Segment[]) =>
  ENDPOINTS.some(
    (e) => e.method === method && e.path.length === path.length && e.path.every((s, i) => s === path[i] || s.startsWith(':')),
  );

/** A method no endpoint of this shape answers to (so the route does not exist). */
function wrongMethods(endpoint: Endpoint): string[] {
  const taken = ENDPOINTS.filter((e) => sameShape(e.path, endpoint.path)).map((e) => e.method as string);
  return ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE'].filter((m) => !taken.includes(m));
}

/** Method and path, filled well or badly, and now and then bent out of shape. */
export function route(endpoint: Endpoint): fc.Arbitrary<Piece<Route>> {
  const noRoute = fault('route', [404, 405], 'no such route');
  const segments = fc.tuple(...endpoint.path.map((part) => segment(endpoint, part)));
  const bend = fc.oneof(
    { weight: 40, arbitrary: fc.constant('none' as const) },
    { weight: 1, arbitrary: fc.constant('wrong-method' as const) },
    { weight: 1, arbitrary: fc.constant('extra-segment' as const) },
    { weight: 1, arbitrary: fc.constant('trailing-slash' as const) },
    { weight: 1, arbitrary: fc.constant('upper-case' as const) },
    { weight: endpoint.method === 'GET' ? 1 : 0, arbitrary: fc.constant('head' as const) },
  );
  return fc.tuple(segments, bend, fc.constantFrom(...wrongMethods(endpoint))).map(([parts, how, otherMethod]) => {
    const path = parts.map((p) => p.value);
    const piece: Piece<Route> = {
      value: { method: endpoint.method, path },
      faults: parts.flatMap((p) => p.faults),
      outcomes: parts.flatMap((p) => p.outcomes),
      tags: parts.flatMap((p) => p.tags),
    };
    const isDocs = endpoint.path[0] === 'docs';
    switch (how) {
      case 'wrong-method':
        // OPTIONS on a known path is served by every path: 204 with Allow, before anything else.
        if (otherMethod === 'OPTIONS')
          return {
            ...piece,
            value: { method: otherMethod, path },
            outcomes: [...piece.outcomes, outcome('route', 204, 'the methods this path takes')],
            tags: [...piece.tags, 'wrong-method'],
          };
        return {
          ...piece,
          value: { method: otherMethod, path },
          faults: [...piece.faults, noRoute],
          tags: [...piece.tags, 'wrong-method'],
        };
      case 'extra-segment':
        // Swagger UI serves its own files under /docs: a miss there is not the API's answer.
        if (isDocs) return piece;
        // GET /articles/x-unknown is GET /articles/{id} with a malformed id: 400 there.
        return {
          ...piece,
          value: { method: endpoint.method, path: [...path, 'x-unknown'] },
          faults: [
            ...piece.faults,
            parameterRoute(endpoint.method, [...endpoint.path, 'x-unknown'])
              ? fault('validation', 400, 'an unknown segment read as a parameter')
              : noRoute,
          ],
        };
      case 'trailing-slash':
        return {
          ...piece,
          value: { method: endpoint.method, path: [...path, ''] },
          outcomes: [...piece.outcomes, outcome('route', 404, 'trailing slash')],
        };
      case 'upper-case':
        return {
          ...piece,
          value: { method: endpoint.method, path: [String(path[0]).toUpperCase(), ...path.slice(1)] },
          outcomes: [...piece.outcomes, outcome('route', 404, 'upper-case path')],
        };
      case 'head':
        return { ...piece, value: { method: 'HEAD', path }, tags: [...piece.tags, 'head'] };
      default:
        return piece;
    }
  });
}
