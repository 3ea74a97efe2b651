import fc from 'fast-check';
import { PROTO_KEYS } from './body-arbitraries';
import type { Endpoint, QuerySpec } from './endpoints';
import { bad, fault, maybe, ok, outcome, type Piece, Ref, type Wire } from './fuzz-request';
import { Huge } from './json-text';

export type Query = Array<readonly [string, Wire]>;

const badQuery = (why: string) => fault('validation', 400, why);
const lenient = (why: string) => outcome('validation', 400, why);
const encoded = (value: string) => encodeURIComponent(value);
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Revisions no cursor of the history or of the raw log was made of. */
const FORGED_REVISIONS: readonly unknown[][] = [[1.5], [-1], [1e308], [2 ** 53], [0], [2 ** 31]];

/**
 * Cursors whose JSON has the shape the server expects but values it never handed out. The API
 * must refuse them (400) or read past them (200), never fail on them.
 */
const FORGED_CURSORS: Record<string, readonly unknown[][]> = {
  'cursor:list': [
    ['not-a-date', 'not-a-uuid'],
    ['2020-01-01T00:00:00Z', 'not-a-uuid'],
    ['', ''],
    ['99999-01-01T00:00:00Z', '3b241101-e2bb-4255-8caf-4136c566a962'],
    ["'); DROP TABLE events;--", '3b241101-e2bb-4255-8caf-4136c566a962'],
  ],
  'cursor:revisions': FORGED_REVISIONS,
  'cursor:events': FORGED_REVISIONS,
  'cursor:corrections': [
    ['x', 1],
    ['2020-01-01T00:00:00Z', 1.5],
    ['2020-01-01T00:00:00Z', 1e30],
    ['2020-01-01T00:00:00Z', -1],
    ['yesterday', 0],
  ],
};

const WRONG_SHAPES: readonly unknown[] = [[], [1, 2, 3], {}, 'x', null, [[1]], [true, false], [{}, {}]];

function cursorFor(endpoint: Endpoint): Ref['name'] {
  if (endpoint.name === 'GET /articles') return 'cursor:list';
  if (endpoint.name === 'GET /corrections') return 'cursor:corrections';
  if (endpoint.name === 'GET /articles/{id}/events') return 'cursor:events';
  return 'cursor:revisions';
}

function value(endpoint: Endpoint, spec: QuerySpec): fc.Arbitrary<Piece<Wire>> {
  const type = spec.type;
  const invalid = badQuery(`bad ${spec.name}`);
  switch (type.kind) {
    case 'int':
      return fc.oneof(
        { weight: 8, arbitrary: type.valid.map((n) => ok<Wire>(String(n))) },
        {
          weight: 2,
          arbitrary: fc
            .constantFrom(
              String(type.min - 1),
              '-1',
              String(type.max + 1),
              '99999999999999999999999',
              'abc',
              'NaN',
              'Infinity',
              '-Infinity',
              '1.5',
              '',
              'null',
              'true',
              encoded('[1]'),
              '%00',
              '1%002',
            )
            .map((v) => bad<Wire>(v, invalid)),
        },
        {
          weight: 1,
          arbitrary: fc
            .constantFrom('05', '%205', '5.0', '1e1', '0x10', '%2B5')
            .map((v) => maybe<Wire>(v, [lenient('loose number')])),
        },
      );
    case 'text':
      return fc.oneof(
        { weight: 8, arbitrary: type.valid.map((v) => ok<Wire>(encoded(v))) },
        { weight: 2, arbitrary: fc.constantFrom('', '%20%20', '%00', 'a%00b', '%09').map((v) => bad<Wire>(v, invalid)) },
        { weight: 1, arbitrary: fc.constant(bad<Wire>(new Huge('c', type.max + 1), invalid)) },
      );
    case 'enum':
      return fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...type.values).map((v) => ok<Wire>(v)) },
        {
          weight: 2,
          arbitrary: fc
            .constantFrom('DRAFT', 'deleted', '', 'draft%00', '%20draft', 'draft,published')
            .map((v) => bad<Wire>(v, invalid)),
        },
      );
    case 'cursor': {
      const name = cursorFor(endpoint);
      return fc.oneof(
        { weight: 6, arbitrary: fc.constant(ok<Wire>(new Ref(name), 'real-cursor')) },
        {
          weight: 2,
          arbitrary: fc
            .constantFrom(...FORGED_CURSORS[name])
            .map((key) => maybe<Wire>(base64url(key), [lenient('forged cursor')], 'forged-cursor')),
        },
        { weight: 1, arbitrary: fc.constantFrom(...WRONG_SHAPES).map((key) => bad<Wire>(base64url(key), invalid)) },
        {
          weight: 1,
          arbitrary: fc
            .oneof(
              fc.constantFrom('', '%00', '!!!', 'null', '%E2%80%AE'),
              fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/).map((s) => `${s}!`),
            )
            .map((v) => bad<Wire>(v, invalid)),
        },
        { weight: 1, arbitrary: fc.constant(bad<Wire>(new Huge('W', 501), invalid)) },
      );
    }
    case 'instant':
      return fc.oneof(
        {
          weight: 6,
          arbitrary: fc
            .constantFrom(
              '2020-01-01T00:00:00Z',
              '2999-01-01T00:00:00.000Z',
              '2030-06-01T12:00:00+02:00',
              '2100-02-28T23:59:59.999Z',
            )
            .map((v) => ok<Wire>(encoded(v))),
        },
        {
          weight: 2,
          arbitrary: fc
            .constantFrom(
              'yesterday',
              '2020-13-01T00:00:00Z',
              '2020-02-30T00:00:00Z',
              '',
              'null',
              '1700000000',
              '2020-01-01T25:00:00Z',
              '%00',
            )
            .map((v) => bad<Wire>(encoded(v), invalid)),
        },
        {
          // ISO 8601 forms a strict parser may or may not take: either answer is fair, a 500 is not.
          weight: 2,
          arbitrary: fc
            .constantFrom(
              '0000-01-01T00:00:00Z',
              '2020-01-01',
              '2020-01-01T00:00Z',
              '20200101T000000Z',
              '2020-W01-1',
              '2020-001',
              '2020-01-01T00:00:00.123456789Z',
              '2020-01-01 00:00:00Z',
              '+002020-01-01T00:00:00Z',
              '2020-01-01T24:00:00Z',
              '1969-12-31T23:59:59Z',
              '0001-01-01T00:00:00Z',
              '9999-12-31T23:59:59Z',
            )
            .map((v) => maybe<Wire>(encoded(v), [lenient('unusual ISO 8601')], 'unusual-instant')),
        },
      );
  }
}

/** Parameters no endpoint takes, some of them named after Object.prototype. */
const UNKNOWN_PARAMS = ['colour', 'limit%5B%5D', 'limit%5Ba%5D', ...PROTO_KEYS, '%00', 'LIMIT', 'revision%20'];

/** The query string: each parameter valid or not, plus repeats and strangers. */
export function query(endpoint: Endpoint): fc.Arbitrary<Piece<Query>> {
  const specs = endpoint.query;
  if (!specs) {
    // Endpoints without parameters ignore the query string.
    return fc.oneof(
      { weight: 9, arbitrary: fc.constant(ok<Query>([])) },
      {
        weight: 1,
        arbitrary: fc
          .array(fc.tuple(fc.constantFrom(...UNKNOWN_PARAMS, 'limit', 'cursor'), fc.constantFrom('1', '', '%00', 'x')), {
            maxLength: 3,
          })
          .map((pairs) => ok<Query>(pairs)),
      },
    );
  }
  const params = specs.map((spec) =>
    fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), value(endpoint, spec)).map(([dice, piece]): Piece<Query> => {
      const include = spec.required ? dice > 0.05 : dice < 0.35;
      if (include) return { ...piece, value: [[spec.name, piece.value]] };
      return spec.required ? bad<Query>([], badQuery(`${spec.name} missing`)) : ok<Query>([]);
    }),
  );
  const stranger = fc.oneof(
    { weight: 30, arbitrary: fc.constant(ok<Query>([])) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...UNKNOWN_PARAMS)
        .map((name) =>
          PROTO_KEYS.includes(name)
            ? bad<Query>([[name, '1']], badQuery(`prototype key ${name}`), 'proto-key')
            : bad<Query>([[name, '1']], badQuery(`unknown parameter ${name}`)),
        ),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...specs), fc.boolean()).map(([spec, same]) =>
        bad<Query>(
          [
            [spec.name, '1'],
            [spec.name, same ? '1' : '2'],
          ],
          badQuery(`${spec.name} given twice`),
          'repeated-parameter',
        ),
      ),
    },
  );
  return fc.tuple(fc.tuple(...params), stranger, fc.boolean()).map(([pieces, extra, shuffle]) => {
    const all = [...pieces, extra];
    const entries = all.flatMap((p) => p.value);
    const faults = all.flatMap((p) => p.faults);
    // A repeated name (from a stranger) turns the value into an array: 400 whatever the values.
    const names = entries.map(([name]) => name);
    if (names.includes('revision') && names.includes('asOf')) faults.push(badQuery('revision and asOf together'));
    return {
      value: shuffle ? entries.reverse() : entries,
      faults,
      outcomes: all.flatMap((p) => p.outcomes),
      tags: all.flatMap((p) => p.tags),
    };
  });
}
