import fc from 'fast-check';
import type { Role } from '@newsroom/articles';
import type { Operation } from '../../apps/newsroom-api/src/contract/operation';
import { NOT_BLANK, UNSTORABLE, UUID_PATTERN, type Schema } from '../../apps/newsroom-api/src/contract/schema-kit';

/**
 * fast-check arbitraries built from the contract's own JSON Schemas (issue 17): `validOf` draws
 * values a schema accepts, `invalidOf` values that break exactly one of its rules, each tagged
 * with the field at fault and the rule it breaks. Only the subset of JSON Schema 2020-12 the
 * contract uses is understood; anything else throws, so that a new keyword is not silently ignored.
 *
 * A value travels on a channel, which limits what it can hold: a JSON body can carry any string
 * (lone surrogates as \u escapes), a text/plain body, a path or a query only well-formed UTF-8,
 * a header only visible Latin-1 and inner spaces; paths and queries carry whole numbers as text.
 */
export type Channel = 'json' | 'text' | 'query' | 'path' | 'header';

/** One minimally invalid value: `field` is the dotted path below the value ('' for the value itself). */
export interface Fault {
  value: unknown;
  field: string;
  breaks: string;
}

/** Generated strings stay short unless a minLength needs more. */
const MAX_GENERATED = 40;
const INT32 = { min: -2_147_483_648, max: 2_147_483_647 };

const textual = (channel: Channel) => channel !== 'json';

// ---------------------------------------------------------------------------------------------
// Characters

const codePoint = (min: number, max: number) => fc.integer({ min, max }).map((c) => String.fromCodePoint(c));

/** Single code points that trip up encoders, normalisers and naive splitting (all storable). */
const TRICKY = [
  '\u200f',
  '\u202e',
  '\u0301',
  '\u200b',
  '\ufeff',
  '\u2028',
  '\u00a0',
  '\ufffd',
  '\uffff',
  '’',
  '“',
  'ß',
  'İ',
  '𝕏',
  '\u0007',
  '\u007f',
  '\t',
  '\n',
  '\r',
  '"',
  '\\',
  '%',
  '/',
  '+',
  '&',
  '=',
  '?',
  '#',
];

/** Well-formed Unicode without NUL, in code points. */
const storableUnit = fc.oneof(
  { weight: 6, arbitrary: codePoint(0x20, 0x7e) },
  { weight: 2, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 1, arbitrary: codePoint(0x1, 0xd7ff) },
  { weight: 1, arbitrary: codePoint(0xe000, 0x10ffff) },
);

/** What a schema without `not: UNSTORABLE` also allows, as far as the channel can carry it. */
const unstorableUnits = (channel: Channel) => (channel === 'json' ? ['\u0000', '\ud800', '\udfff'] : ['\u0000']);

/** Header values: visible Latin-1 and inner spaces (HTTP trims outer white space). */
const headerUnit = fc.oneof({ weight: 9, arbitrary: codePoint(0x20, 0x7e) }, { weight: 1, arbitrary: codePoint(0xa0, 0xff) });

const codePoints = (value: string) => [...value].length;

/** Trims or pads `value` to [min, max] code points, and makes it not blank when asked. */
function fit(value: string, min: number, max: number, notBlank: boolean): string {
  const points = [...value].slice(0, max);
  while (points.length < min) points.push('a');
  if (notBlank && !/\S/u.test(points.join(''))) {
    if (points.length < max) points.push('x');
    else points[points.length - 1] = 'x';
  }
  return points.join('');
}

// ---------------------------------------------------------------------------------------------
// Schemas

function typesOf(schema: Schema): string[] {
  const type = schema.type;
  if (type === undefined) throw new Error(`schema without a type: ${JSON.stringify(schema)}`);
  return Array.isArray(type) ? (type as string[]) : [type as string];
}

const isNullable = (schema: Schema) => typesOf(schema).includes('null');

/** The schema without its null: type and enum of the non-null values. */
function nonNull(schema: Schema): Schema {
  const types = typesOf(schema).filter((type) => type !== 'null');
  if (types.length !== 1) throw new Error(`unsupported type union: ${JSON.stringify(schema.type)}`);
  const values = schema.enum as unknown[] | undefined;
  return { ...schema, type: types[0], ...(values ? { enum: values.filter((value) => value !== null) } : {}) };
}

const isUuid = (schema: Schema) => schema.format === 'uuid' || schema.pattern === UUID_PATTERN;
const forbidsUnstorable = (schema: Schema) => (schema.not as Schema | undefined)?.pattern === UNSTORABLE;

/** Whether a string breaks the schema's `not` (the only `not` strings have is a pattern). */
function breaksNot(schema: Schema, value: string): boolean {
  const not = schema.not as Schema | undefined;
  if (!not) return false;
  if (not.type !== 'string' || typeof not.pattern !== 'string' || Object.keys(not).length !== 2)
    throw new Error(`unsupported not: ${JSON.stringify(not)}`);
  return new RegExp(not.pattern, 'u').test(value);
}

/** Header patterns allow \s where HTTP only carries spaces and tabs. */
const headerSafe = (pattern: string) => pattern.replace(/\\s/g, '[ \\t]');

/** Values a schema accepts, as they travel on `channel`. */
export function validOf(schema: Schema, channel: Channel = 'json'): fc.Arbitrary<unknown> {
  if (isNullable(schema)) {
    const value = validOf(nonNull(schema), channel);
    return channel === 'json' ? fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: value }) : value;
  }
  const generated = generatedOf(schema, channel);
  const example = schema.example;
  if (example === undefined || (textual(channel) && typeof example !== 'string')) return generated;
  return fc.oneof({ weight: 1, arbitrary: fc.constant(example) }, { weight: 5, arbitrary: generated });
}

function generatedOf(schema: Schema, channel: Channel): fc.Arbitrary<unknown> {
  if (schema.$ref !== undefined) throw new Error(`unresolved $ref ${String(schema.$ref)}`);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const [type] = typesOf(schema);
  switch (type) {
    case 'string':
      return validString(schema, channel);
    case 'integer': {
      const integers = integerOf(schema);
      return textual(channel) ? integers.chain((n) => decimal(n)) : integers;
    }
    case 'boolean':
      return fc.boolean();
    case 'object':
      return validObject(schema, channel);
    case 'array': {
      const maxLength = Math.min((schema.maxItems as number | undefined) ?? 3, 3);
      return fc.array(validOf(schema.items as Schema, channel), { maxLength });
    }
    default:
      throw new Error(`unsupported type ${type}`);
  }
}

function validString(schema: Schema, channel: Channel): fc.Arbitrary<string> {
  if (isUuid(schema))
    return fc.oneof(
      fc.uuid(),
      fc.uuid().map((id) => id.toUpperCase()),
    );
  if (schema.format === 'date-time') return rfc3339DateTime();
  if (schema.format !== undefined) throw new Error(`unsupported format ${String(schema.format)}`);
  const pattern = schema.pattern as string | undefined;
  const min = (schema.minLength as number | undefined) ?? 0;
  const max = Math.max(min, Math.min((schema.maxLength as number | undefined) ?? MAX_GENERATED, MAX_GENERATED));
  if (pattern !== undefined && pattern !== NOT_BLANK) {
    const matching = new RegExp(pattern, 'u');
    const source = channel === 'header' ? headerSafe(pattern) : pattern;
    return fc
      .stringMatching(new RegExp(source), { size: 'small' })
      .filter(
        (value) =>
          matching.test(value) &&
          codePoints(value) >= min &&
          codePoints(value) <= ((schema.maxLength as number | undefined) ?? Infinity),
      );
  }
  const notBlank = pattern === NOT_BLANK;
  let unit: fc.Arbitrary<string>;
  if (channel === 'header') unit = headerUnit;
  else if (forbidsUnstorable(schema)) unit = storableUnit;
  else
    unit = fc.oneof(
      { weight: 19, arbitrary: storableUnit },
      { weight: 1, arbitrary: fc.constantFrom(...unstorableUnits(channel)) },
    );
  const text = fc.array(unit, { maxLength: max }).map((units) => fit(units.join(''), min, max, notBlank));
  const sent = channel === 'header' ? text.map((value) => value.replace(/^[ \t]+|[ \t]+$/g, '')) : text;
  // A path segment . or .. is a dot-segment (RFC 3986 5.2.4), encoded or not: no client sends it as it is.
  return sent.filter(
    (value) => !breaksNot(schema, value) && codePoints(value) >= min && !(channel === 'path' && /^\.\.?$/.test(value)),
  );
}

/** Whole numbers in [minimum, maximum], biased to the bounds. */
function integerOf(schema: Schema): fc.Arbitrary<number> {
  const min = (schema.minimum as number | undefined) ?? INT32.min;
  const max = (schema.maximum as number | undefined) ?? INT32.max;
  const clamp = (n: number) => Math.min(max, Math.max(min, n));
  return fc.oneof(
    fc.constantFrom(min, max, clamp(min + 1), clamp(max - 1)),
    fc.integer({ min, max: clamp(min + 20) }),
    fc.integer({ min, max }),
  );
}

/** A whole number in decimal digits, sometimes with leading zeros (within the ten digits the API reads). */
function decimal(n: number): fc.Arbitrary<string> {
  const digits = String(n);
  if (n < 0 || digits.length >= 10) return fc.constant(digits);
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(digits) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 10 - digits.length }).map((zeros) => '0'.repeat(zeros) + digits) },
  );
}

/**
 * RFC 3339 date-times (section 5.6): T or t, Z or z or a numeric offset, optional fractions,
 * and the RFC's own examples, leap seconds included.
 */
function rfc3339DateTime(): fc.Arbitrary<string> {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const daysIn = (year: number, month: number) =>
    month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  const offset = fc.oneof(
    fc.constantFrom('Z', 'z'),
    fc
      .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([sign, h, m]) => `${sign}${pad(h)}:${pad(m)}`),
  );
  const generated = fc
    .record({
      year: fc.oneof(
        fc.constantFrom(0, 1, 1969, 1970, 2000, 2038, 9999),
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 2020, max: 2030 }),
      ),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 59 }),
      fraction: fc.option(fc.stringMatching(/^[0-9]{1,9}$/), { nil: '' }),
      separator: fc.constantFrom('T', 't'),
      offset,
    })
    .map(({ year, month, day, hour, minute, second, fraction, separator, offset: zone }) => {
      const date = `${pad(year, 4)}-${pad(month)}-${pad(Math.min(day, daysIn(year, month)))}`;
      return `${date}${separator}${pad(hour)}:${pad(minute)}:${pad(second)}${fraction ? `.${fraction}` : ''}${zone}`;
    });
  const examples = fc.constantFrom(
    '1985-04-12T23:20:50.52Z',
    '1996-12-19T16:39:57-08:00',
    '1990-12-31T23:59:60Z',
    '1990-12-31T15:59:60-08:00',
    '1937-01-01T12:00:27.87+00:20',
  );
  return fc.oneof({ weight: 5, arbitrary: generated }, { weight: 1, arbitrary: examples });
}

function validObject(schema: Schema, channel: Channel): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
  const required = (schema.required as string[] | undefined) ?? [];
  const model = Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, validOf(property, channel)]));
  const drawn = fc.record(model, { requiredKeys: required }) as fc.Arbitrary<Record<string, unknown>>;
  const rule = conditionalOf(schema);
  if (!rule) return drawn;
  // An object the rule's `else` would refuse gets the properties it requires, of the type it requires.
  return drawn.chain((value) =>
    rule.holds(value) || rule.otherwiseHolds(value)
      ? fc.constant(value)
      : fc
          .record(
            Object.fromEntries(
              rule.otherwise.map((name) => [name, validOf({ ...properties[name], ...rule.otherwiseTypes[name] }, channel)]),
            ),
          )
          .map((added) => ({ ...value, ...added })),
  );
}

/**
 * An object's `if`/`else`, in the one form the contract uses (POST /articles/{id}/categories:
 * without a code, label is required): `if` requires properties, of a type; `else` requires
 * properties, optionally of a type (a label sent as null is absent).
 */
interface Conditional {
  /** The properties `if` requires. */
  when: string[];
  holds: (value: Record<string, unknown>) => boolean;
  /** The properties `else` requires, and the types it narrows them to. */
  otherwise: string[];
  otherwiseTypes: Record<string, Schema>;
  otherwiseHolds: (value: Record<string, unknown>) => boolean;
}

function conditionalOf(schema: Schema): Conditional | undefined {
  if (schema.if === undefined) return undefined;
  const condition = schema.if as Schema;
  const otherwise = schema.else as Schema | undefined;
  const only = (part: Schema | undefined, keys: string[]) =>
    part !== undefined && Object.keys(part).every((k) => keys.includes(k));
  if (schema.then !== undefined || !only(condition, ['required', 'properties']) || !only(otherwise, ['required', 'properties']))
    throw new Error(`unsupported if/then/else: ${JSON.stringify({ if: schema.if, then: schema.then, else: schema.else })}`);
  const when = (condition.required as string[] | undefined) ?? [];
  const types = (condition.properties as Record<string, Schema> | undefined) ?? {};
  const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
  const ofType = (name: string, value: Record<string, unknown>, schemas: Record<string, Schema>) =>
    name in value && (schemas[name]?.type ?? typeOf(value[name])) === typeOf(value[name]);
  const otherwiseRequired = (otherwise?.required as string[] | undefined) ?? [];
  const otherwiseTypes = (otherwise?.properties as Record<string, Schema> | undefined) ?? {};
  return {
    when,
    holds: (value) => when.every((name) => ofType(name, value, types)),
    otherwise: otherwiseRequired,
    otherwiseTypes,
    otherwiseHolds: (value) => otherwiseRequired.every((name) => ofType(name, value, otherwiseTypes)),
  };
}

// ---------------------------------------------------------------------------------------------
// Faults

const fault =
  (breaks: string, field = '') =>
  (value: unknown): Fault => ({ value, field, breaks });
const below = (name: string, inner: Fault): Fault => ({ ...inner, field: inner.field ? `${name}.${inner.field}` : name });
const oneOfFaults = (faults: fc.Arbitrary<Fault>[]) => (faults.length === 0 ? undefined : fc.oneof(...faults));

/** Values of another JSON type than the schema's (never null when null is allowed). */
function wrongTypes(schema: Schema): unknown[] {
  const types = typesOf(schema);
  const candidates: Array<[string, unknown]> = [
    ['string', 'text'],
    ['integer', 42],
    ['boolean', true],
    ['object', {}],
    ['array', []],
    ['null', null],
  ];
  return candidates
    .filter(([type]) => !types.includes(type) && !(type === 'integer' && types.includes('number')))
    .map(([, value]) => value);
}

/**
 * Values that break exactly one rule of the schema, as they travel on `channel`; undefined when
 * the channel cannot carry any (a path segment cannot be empty, a header is any text).
 */
export function invalidOf(schema: Schema, channel: Channel = 'json'): fc.Arbitrary<Fault> | undefined {
  const faults: fc.Arbitrary<Fault>[] = [];
  if (channel === 'json') faults.push(fc.constantFrom(...wrongTypes(schema)).map(fault('type')));
  const base = isNullable(schema) ? nonNull(schema) : schema;
  if (Array.isArray(base.enum)) {
    const values = base.enum as unknown[];
    const outside = values
      .flatMap((value) => (typeof value === 'string' ? [value.toUpperCase(), `${value} `, `${value}x`] : []))
      .concat(['unknown']);
    faults.push(fc.constantFrom(...outside.filter((value) => !values.includes(value))).map(fault('enum')));
  } else {
    const [type] = typesOf(base);
    if (type === 'string') faults.push(...stringFaults(base, channel));
    if (type === 'integer') faults.push(...integerFaults(base, channel));
    if (type === 'object') faults.push(...objectFaults(base));
    if (type === 'array') faults.push(...arrayFaults(base));
  }
  return oneOfFaults(faults);
}

function stringFaults(schema: Schema, channel: Channel): fc.Arbitrary<Fault>[] {
  const faults: fc.Arbitrary<Fault>[] = [];
  const min = (schema.minLength as number | undefined) ?? 0;
  const max = schema.maxLength as number | undefined;
  if (isUuid(schema)) {
    const mutations = (id: string) => [
      id.slice(0, -1),
      `${id}0`,
      `${id.slice(0, -1)}g`,
      id.replace(/-/g, ''),
      `{${id}}`,
      `urn:uuid:${id}`,
      ` ${id}`,
      'not-a-uuid',
    ];
    faults.push(
      fc
        .uuid()
        .chain((id) => fc.constantFrom(...mutations(id)))
        .map(fault('uuid')),
    );
    return faults;
  }
  if (schema.format === 'date-time') {
    const notDateTimes = [
      '2021-02-30T00:00:00Z',
      '2021-13-01T00:00:00Z',
      '2021-01-01T24:00:00Z',
      '2021-01-01',
      '2021-01-01T10:00:00',
      'yesterday',
      '1625097600',
      '2021-01-01T10:00:00+2400',
    ];
    faults.push(fc.constantFrom(...notDateTimes).map(fault('date-time')));
    return faults;
  }
  if (max !== undefined && channel !== 'header')
    faults.push(
      fc
        .integer({ min: max + 1, max: max + 2 })
        .map((n) => 'a'.repeat(n))
        .map(fault('maxLength')),
    );
  if (min >= 1 && channel !== 'path') faults.push(fc.constant('').map(fault('minLength')));
  const pattern = schema.pattern as string | undefined;
  if (pattern === NOT_BLANK) {
    const blanks = [' ', '   ', '\t', '\n', ' \n\t ', '\u00a0', '\u3000', '\ufeff', '\u2028'].filter(
      (blank) => codePoints(blank) >= min && (max === undefined || codePoints(blank) <= max),
    );
    faults.push(fc.constantFrom(...blanks).map(fault('pattern: blank')));
  } else if (pattern !== undefined && channel === 'header') {
    const matching = new RegExp(pattern, 'u');
    const malformed = ['', 'W/', '1', '"1', '"1",', 'a b', '"12345678901"', '*, "1"', 'x'.repeat(201), 'é', '"1"\t"2"'];
    const sendable = malformed.filter((value) => value === value.trim() && !matching.test(value));
    faults.push(fc.constantFrom(...sendable).map(fault(`pattern: ${pattern}`)));
  } else if (pattern !== undefined) {
    throw new Error(`no faults known for pattern ${pattern} on ${channel}`);
  }
  if (forbidsUnstorable(schema) && channel !== 'header') {
    const units = unstorableUnits(channel);
    faults.push(
      fc
        .tuple(validString(schema, channel), fc.constantFrom(...units), fc.nat())
        .map(([text, unit, at]) => {
          const points = [...text];
          const index = at % (points.length + 1);
          const spliced = [...points.slice(0, index), unit, ...points.slice(index)];
          return spliced.length > (max ?? Infinity) ? [unit, ...points.slice(1)].join('') : spliced.join('');
        })
        .map(fault('not: unstorable (NUL or lone surrogate)')),
    );
  }
  return faults;
}

function integerFaults(schema: Schema, channel: Channel): fc.Arbitrary<Fault>[] {
  const min = schema.minimum as number | undefined;
  const max = schema.maximum as number | undefined;
  if (textual(channel)) {
    const accepted = (text: string) =>
      /^\d{1,10}$/.test(text) && (min === undefined || Number(text) >= min) && (max === undefined || Number(text) <= max);
    const candidates = [
      '1.0',
      '+1',
      '1e1',
      '0',
      '-1',
      '2147483648',
      '12345678901',
      '0x10',
      ' 1',
      'abc',
      ...(channel === 'path' ? [] : ['']),
    ];
    if (min !== undefined) candidates.push(String(min - 1));
    if (max !== undefined) candidates.push(String(max + 1));
    return [
      fc
        .constantFrom(...new Set(candidates.filter((text) => !accepted(text))))
        .map(fault('integer in decimal digits within bounds')),
    ];
  }
  const faults: fc.Arbitrary<Fault>[] = [];
  if (min !== undefined)
    faults.push(
      fc
        .constantFrom(min - 1, min - 1000, -1)
        .filter((n) => n < min)
        .map(fault('minimum')),
    );
  if (max !== undefined)
    faults.push(
      fc
        .constantFrom(max + 1, max * 10, 1e20)
        .filter((n) => n > max)
        .map(fault('maximum')),
    );
  faults.push(fc.constantFrom(0.5, 1.5, (min ?? 0) + 0.5).map(fault('integer (not a fraction)')));
  faults.push(fc.constantFrom('1', '1.0').map(fault('type')));
  return faults;
}

/** Names an object's schema does not list. */
function unknownNames(properties: Record<string, Schema>): string[] {
  const names = Object.keys(properties);
  const candidates = [
    'extra',
    'id',
    '__proto__',
    'constructor',
    // Not '': errors[] names a nested empty key `categories.0.`, which a dotted field path cannot
    // tell from the object itself (the HTTP fuzzer sends such keys).
    ...names.map((name) => name.toUpperCase()),
    ...names.map((name) => `${name} `),
  ];
  return candidates.filter((name) => !names.includes(name));
}

function objectFaults(schema: Schema): fc.Arbitrary<Fault>[] {
  const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
  const required = (schema.required as string[] | undefined) ?? [];
  const valid = validObject(schema, 'json');
  const faults: fc.Arbitrary<Fault>[] = [];
  for (const name of required) {
    faults.push(valid.map((object) => ({ value: omit(object, name), field: name, breaks: 'required' })));
  }
  const rule = conditionalOf(schema);
  if (rule && rule.otherwise.length > 0) {
    const left = [...rule.when, ...rule.otherwise];
    faults.push(
      valid.map((object) => ({
        value: left.reduce(omit, object),
        field: rule.otherwise[0],
        breaks: `required without ${rule.when.join(' and ')}`,
      })),
    );
  }
  if (schema.additionalProperties === false) {
    faults.push(
      fc
        .tuple(valid, fc.constantFrom(...unknownNames(properties)), fc.constantFrom<unknown>('x', 1, null))
        .map(([object, name, value]) => ({
          value: Object.defineProperty({ ...object }, name, { value, enumerable: true, writable: true, configurable: true }),
          field: name,
          breaks: 'additionalProperties',
        })),
    );
  }
  for (const [name, property] of Object.entries(properties)) {
    const inner = invalidOf(property, 'json');
    if (inner)
      faults.push(
        fc.tuple(valid, inner).map(([object, broken]) => below(name, { ...broken, value: { ...object, [name]: broken.value } })),
      );
  }
  return faults;
}

function arrayFaults(schema: Schema): fc.Arbitrary<Fault>[] {
  const items = schema.items as Schema;
  const maxItems = schema.maxItems as number | undefined;
  const faults: fc.Arbitrary<Fault>[] = [];
  if (maxItems !== undefined)
    faults.push(fc.array(validOf(items), { minLength: maxItems + 1, maxLength: maxItems + 1 }).map(fault('maxItems')));
  const inner = invalidOf(items, 'json');
  if (inner) {
    faults.push(
      fc
        .tuple(fc.array(validOf(items), { maxLength: Math.min(maxItems ?? 2, 2) - 1 }), inner)
        .map(([list, broken]) => below(String(list.length), { ...broken, value: [...list, broken.value] })),
    );
  }
  return faults;
}

function omit(object: Record<string, unknown>, name: string): Record<string, unknown> {
  const { [name]: _dropped, ...rest } = object;
  return rest;
}

// ---------------------------------------------------------------------------------------------
// Requests

/** A request to one operation, in decoded form: the spec encodes it for the wire. */
export interface ContractRequest {
  operationId: string;
  method: Operation['method'];
  /** Path parameters, decoded. */
  params: Record<string, string>;
  /** Query parameters in order, decoded. */
  query: Array<[string, string]>;
  /** The contract's headers only, as sent. */
  headers: Record<string, string>;
  /** Undefined: no body at all. */
  body?: { mediaType: string; value: unknown };
  /** The token's role; undefined: no Authorization header. */
  role: Role | undefined;
}

export interface InvalidRequest {
  request: ContractRequest;
  where: 'path' | 'query' | 'headers' | 'body';
  /** The field errors[] must name; undefined when the fault is not one field's. */
  field: string | undefined;
  breaks: string;
  /** A rule the schema cannot state (a forged cursor): the contract's validator passes it, the API refuses it. */
  beyondSchema?: true;
}

/** What the requests may refer to: the sample article and cursors the API handed out. */
export interface RequestWorld {
  articleId: string;
  /** nextCursor values seen, by operationId. */
  cursors: Record<string, string[]>;
}

const ROLES: Role[] = ['reporter', 'editor', 'auditor', 'legal'];

function roleOf(operation: Operation): fc.Arbitrary<Role | undefined> {
  if (operation.access === 'public') return fc.constant(undefined);
  return fc.constantFrom(...(operation.access === 'signed-in' ? ROLES : operation.access));
}

/** Each path parameter: the sample article for a uuid (sometimes in capitals, sometimes another), else from its schema. */
function validParams(operation: Operation, world: RequestWorld): fc.Arbitrary<Record<string, string>> {
  const model = Object.fromEntries(
    Object.entries(operation.params ?? {}).map(([name, schema]) => {
      const value = validOf(schema, 'path') as fc.Arbitrary<string>;
      if (!isUuid(schema)) return [name, value];
      return [
        name,
        fc.oneof(
          { weight: 8, arbitrary: fc.constant(world.articleId) },
          { weight: 1, arbitrary: fc.constant(world.articleId.toUpperCase()) },
          { weight: 1, arbitrary: value },
        ),
      ];
    }),
  );
  return fc.record(model);
}

/** A `cursor` is opaque (its description): a valid one is one the API handed out. */
function queryValueOf(operation: Operation, world: RequestWorld, name: string, schema: Schema): fc.Arbitrary<string> | undefined {
  if (name === 'cursor') {
    const seen = world.cursors[operation.operationId] ?? [];
    return seen.length > 0 ? fc.constantFrom(...seen) : undefined;
  }
  return validOf(schema, 'query') as fc.Arbitrary<string>;
}

function exclusions(operation: Operation): string[][] {
  const not = operation.query?.rules?.not as Schema | undefined;
  if (operation.query?.rules && !(not && Array.isArray(not.required)))
    throw new Error(`unsupported query rule ${JSON.stringify(operation.query.rules)}`);
  return not ? [not.required as string[]] : [];
}

function validQuery(operation: Operation, world: RequestWorld): fc.Arbitrary<Array<[string, string]>> {
  const { properties = {}, required = [] } = operation.query ?? {};
  const model: Record<string, fc.Arbitrary<string>> = {};
  for (const [name, schema] of Object.entries(properties)) {
    const value = queryValueOf(operation, world, name, schema);
    if (value) model[name] = value;
  }
  return fc.record(model, { requiredKeys: required }).map((query) => {
    // A cursor pages on in the order it was made in: a newest-first page takes a newest-first one.
    const newestFirst = world.cursors[`${operation.operationId}:desc`];
    if (query.order === 'desc' && query.cursor !== undefined && newestFirst) {
      const index = (world.cursors[operation.operationId] ?? []).indexOf(query.cursor);
      query.cursor = newestFirst[Math.max(index, 0) % newestFirst.length];
    }
    const pairs = Object.entries(query) as Array<[string, string]>;
    // Of names that exclude each other, the first present is kept.
    const dropped = new Set(exclusions(operation).flatMap((names) => names.filter((name) => name in query).slice(1)));
    return pairs.filter(([name]) => !dropped.has(name));
  });
}

function validHeaders(operation: Operation): fc.Arbitrary<Record<string, string>> {
  const model = Object.fromEntries(
    Object.entries(operation.headers ?? {}).map(([name, { schema }]) => [name, validOf(schema, 'header')]),
  );
  return fc.record(model, { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>;
}

const channelOf = (mediaType: string): Channel => (mediaType === 'application/json' ? 'json' : 'text');

function validBody(operation: Operation): fc.Arbitrary<ContractRequest['body']> {
  if (!operation.body) return fc.constant(undefined);
  const bodies = Object.entries(operation.body.content).map(([mediaType, { schema, examples }]) => {
    const generated = validOf(schema, channelOf(mediaType));
    const exampleValues = Object.values(examples ?? {}).map((example) => example.value);
    const value =
      exampleValues.length > 0
        ? fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...exampleValues) }, { weight: 4, arbitrary: generated })
        : generated;
    return value.map((v) => ({ mediaType, value: v }));
  });
  const some = fc.oneof(...bodies);
  return operation.body.required
    ? some
    : fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: some });
}

/** Requests every schema of the operation accepts. */
export function validRequestOf(operation: Operation, world: RequestWorld): fc.Arbitrary<ContractRequest> {
  return fc
    .record({
      params: validParams(operation, world),
      query: validQuery(operation, world),
      headers: validHeaders(operation),
      body: validBody(operation),
      role: roleOf(operation),
    })
    .map((parts) => ({ operationId: operation.operationId, method: operation.method, ...parts }));
}

type Breaker = (request: ContractRequest) => fc.Arbitrary<InvalidRequest>;

function pathBreakers(operation: Operation): Breaker[] {
  return Object.entries(operation.params ?? {}).flatMap(([name, schema]) => {
    const faults = invalidOf(schema, 'path');
    if (!faults) return [];
    return [
      (request: ContractRequest) =>
        faults.map((f) => ({
          request: { ...request, params: { ...request.params, [name]: f.value as string } },
          where: 'path' as const,
          field: name,
          breaks: f.breaks,
        })),
    ];
  });
}

function queryBreakers(operation: Operation, world: RequestWorld): Breaker[] {
  const { properties = {}, required = [] } = operation.query ?? {};
  const names = Object.keys(properties);
  const without = (query: Array<[string, string]>, name: string) => query.filter(([key]) => key !== name);
  const breakers: Breaker[] = [];
  const broken = (request: ContractRequest, query: Array<[string, string]>, field: string, breaks: string): InvalidRequest => ({
    request: { ...request, query },
    where: 'query',
    field,
    breaks,
  });
  for (const [name, schema] of Object.entries(properties)) {
    const faults = invalidOf(schema, 'query');
    if (faults)
      breakers.push((request) =>
        faults.map((f) => broken(request, [...without(request.query, name), [name, f.value as string]], name, f.breaks)),
      );
  }
  if ('cursor' in properties) {
    // Opaque, the description says: only what the API handed out. No schema can say so.
    const forged = fc.constantFrom('forged', 'WyJ4Il0', 'bnVsbA', 'W10');
    breakers.push((request) =>
      forged.map((cursor) => ({
        ...broken(request, [...without(request.query, 'cursor'), ['cursor', cursor]], 'cursor', 'a cursor the API handed out'),
        beyondSchema: true as const,
      })),
    );
  }
  // The query is a closed object; a route without one says nothing about parameters.
  if (operation.query) {
    const unknown = ['foo', 'page', 'sort', 'id', 'Limit', 'limit[]', 'LIMIT'].filter((name) => !names.includes(name));
    breakers.push((request) =>
      fc
        .constantFrom(...unknown)
        .map((name) => broken(request, [...request.query, [name, '1']], name, 'additionalProperties (unknown parameter)')),
    );
  }
  for (const name of required)
    breakers.push((request) => fc.constant(broken(request, without(request.query, name), name, 'required')));
  for (const group of exclusions(operation)) {
    const values = group.map((name) => queryValueOf(operation, world, name, properties[name]) ?? fc.constant('1'));
    breakers.push((request) =>
      fc.tuple(...values).map((chosen) => {
        const query = group.reduce((q, name) => without(q, name), request.query);
        return broken(
          request,
          [...query, ...group.map((name, i) => [name, chosen[i]] as [string, string])],
          group[group.length - 1],
          `not both ${group.join(' and ')}`,
        );
      }),
    );
  }
  return breakers;
}

function headerBreakers(operation: Operation): Breaker[] {
  return Object.entries(operation.headers ?? {}).flatMap(([name, { schema }]) => {
    const faults = invalidOf(schema, 'header');
    if (!faults) return [];
    return [
      (request: ContractRequest) =>
        faults.map((f) => ({
          request: { ...request, headers: { ...request.headers, [name]: f.value as string } },
          where: 'headers' as const,
          // Express lower-cases header names, and errors[] names them as it read them.
          field: name.toLowerCase(),
          breaks: f.breaks,
        })),
    ];
  });
}

function bodyBreakers(operation: Operation): Breaker[] {
  const { body } = operation;
  if (!body) return [];
  const json = body.content['application/json']?.schema;
  const required = (json?.required as string[] | undefined) ?? [];
  // A body left out is read as {}: its first required field is named.
  const omitted =
    body.required && required.length > 0
      ? fc.constant<Fault>({ value: undefined, field: required[0], breaks: 'body required' })
      : undefined;
  return Object.entries(body.content).flatMap(([mediaType, { schema }]) => {
    const faults = invalidOf(schema, channelOf(mediaType));
    if (!faults) return [];
    const all =
      mediaType === 'application/json' && omitted
        ? fc.oneof({ weight: 9, arbitrary: faults }, { weight: 1, arbitrary: omitted })
        : faults;
    return [
      (request: ContractRequest) =>
        all.map((f) => ({
          request: { ...request, body: f.value === undefined ? undefined : { mediaType, value: f.value } },
          where: 'body' as const,
          // The JSON parser is strict: a body that is not an object or an array is malformed, no field named.
          field:
            mediaType === 'application/json' && f.field === '' && (typeof f.value !== 'object' || f.value === null)
              ? undefined
              : f.field,
          breaks: f.breaks,
        })),
    ];
  });
}

/**
 * Requests with exactly one fault, in the path, query, a header or the body; the rest valid.
 * Undefined for an operation whose schemas refuse nothing that can be sent (health).
 */
export function invalidRequestOf(operation: Operation, world: RequestWorld): fc.Arbitrary<InvalidRequest> | undefined {
  // Bodies have the most rules, paths the fewest.
  const groups = [
    { weight: 1, breakers: pathBreakers(operation) },
    { weight: 2, breakers: queryBreakers(operation, world) },
    { weight: 1, breakers: headerBreakers(operation) },
    { weight: 3, breakers: bodyBreakers(operation) },
  ].filter(({ breakers }) => breakers.length > 0);
  if (groups.length === 0) return undefined;
  return validRequestOf(operation, world).chain((request) =>
    fc
      .oneof(...groups.map(({ weight, breakers }) => ({ weight, arbitrary: fc.constantFrom(...breakers) })))
      .chain((breaker) => breaker(request)),
  );
}
