import fc from 'fast-check';
import type { Endpoint, FieldSpec, FieldType } from './endpoints';
import { fault, type Fault, type FuzzBody, type Outcome, outcome, type Piece } from './fuzz-request';
import { astralNearCut, blankText, codeLookalike, unstorableText, visibleText } from './hostile-strings';
import { Deep, type FuzzJson, Huge, nestingOf, objectOf, toJsonText } from './json-text';

/** express.json / express.text refuse bodies over this many bytes. */
export const BODY_LIMIT = 1024 * 1024;

const invalidField = (why: string): Fault => fault('validation', 400, why);

const anyJson: fc.Arbitrary<FuzzJson> = fc.oneof(
  fc.constantFrom<FuzzJson>(42, -1, 0, 1.5, true, false, [], {}, ['x'], { a: 1 }, [null], '', 'x', '1'),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<FuzzJson>,
);

/** A JSON value of the wrong type for the field (null is only wrong where the field is required). */
function wrongTypeValue(type: FieldType): fc.Arbitrary<FuzzJson> {
  const right: Record<FieldType['kind'], (v: FuzzJson) => boolean> = {
    text: (v) => typeof v === 'string',
    enum: (v) => typeof v === 'string',
    int: (v) => typeof v === 'number',
    categories: (v) => Array.isArray(v),
  };
  return anyJson.filter((v) => v !== null && !right[type.kind](v));
}

type Entries = Array<[string, FuzzJson]>;
/** A change to one key of the body, with the faults that key now has (replacing any it had). */
type Mutation = { entries: Entries; key: string; faults: Fault[]; tags: string[] };

function validValue(type: FieldType): fc.Arbitrary<FuzzJson> {
  switch (type.kind) {
    case 'text':
      // `length` counts UTF-16 units, never fewer than the validator's characters: under max is valid.
      return fc.oneof(
        {
          weight: 60,
          arbitrary: fc
            .oneof(
              { weight: 8, arbitrary: type.valid },
              { weight: 2, arbitrary: codeLookalike },
              { weight: 1, arbitrary: astralNearCut },
            )
            .filter((s) => s.length <= type.max),
        },
        // Exactly at the limit: for a story's body that is a million characters, just under 1 MiB.
        { weight: 1, arbitrary: fc.constant(new Huge('x', type.max)) },
      );
    case 'int':
      return type.valid;
    case 'enum':
      return fc.constantFrom(...type.values);
    case 'categories':
      return fc.array(
        fc
          .tuple(
            fc.oneof(fc.constantFrom('Diplomacy', 'Ukraine', 'Café Society'), visibleText(5)),
            fc.option(fc.oneof(fc.constant('medtop:20000639'), visibleText(4)), { nil: undefined }),
          )
          .map(([label, code]): FuzzJson => (code === undefined ? { label } : { label, code })),
        { maxLength: 3 },
      );
  }
}

/** A value of the right JSON type that the field must still refuse. */
function invalidValue(field: FieldSpec): fc.Arbitrary<{ value: FuzzJson; why: string }> {
  const type = field.type;
  const why = (what: string) => (value: FuzzJson) => ({ value, why: `${field.name}: ${what}` });
  switch (type.kind) {
    case 'text': {
      const options = [
        unstorableText.map(why('lone surrogate or NUL')),
        fc.constantFrom('x', 'é', '😀').map((unit) => why('too long')(new Huge(unit, type.max + 1))),
      ];
      if (!type.allowEmpty) options.push(blankText.map(why('blank')));
      return fc.oneof(...options);
    }
    case 'int':
      return fc
        .constantFrom<FuzzJson>(0, -1, type.max + 1, 1.5, 1e300, -0, Number.MAX_SAFE_INTEGER + 2, '1', String(type.max))
        .map(why('not a whole number in range'));
    case 'enum':
      return fc
        .constantFrom<FuzzJson>('CORRECTION', 'retraction', '', 'correction ', 'update\u0000')
        .map(why('not one of the values'));
    case 'categories':
      return fc
        .constantFrom<FuzzJson>(
          'Diplomacy',
          { label: 'Diplomacy' },
          [1],
          ['Diplomacy'],
          [{}],
          [{ label: '' }],
          [{ label: '   ' }],
          [{ label: 'x', colour: 'red' }],
          [{ label: 'x\ud800' }],
          [{ label: 'x', code: 7 }],
          [null],
          Array.from({ length: 101 }, (_, i) => ({ label: `L${i}` })),
        )
        .map(why('malformed categories'));
  }
}

/** Keys class-transformer drops before validation sees them (`__proto__`, `constructor`, method names). */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'];

/** Keys no body takes, some of them named after Object.prototype's members. */
const strangerKey = fc.oneof(
  { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom('colour', 'id', 'revision ', 'Headline', 'status', 'actor', 'roles', '') },
  { weight: 1, arbitrary: fc.constantFrom(...PROTO_KEYS) },
);

/** One way to spoil a body, or to stress it while keeping it valid. */
function mutation(fields: readonly FieldSpec[]): fc.Arbitrary<(entries: Entries) => Mutation> {
  const names = fields.map((f) => f.name);
  const pick = fc.constantFrom(...fields);
  const set = (entries: Entries, name: string, value: FuzzJson): Entries => [
    ...entries.filter(([k]) => k !== name),
    [name, value],
  ];
  const options: Array<fc.Arbitrary<(entries: Entries) => Mutation>> = [
    pick.map((field) => (entries: Entries) => ({
      entries: entries.filter(([k]) => k !== field.name),
      key: field.name,
      // A field required unless another is given is judged on the finished body (requiredUnlessGiven).
      faults: field.required && !field.unless ? [invalidField(`${field.name} missing`)] : [],
      tags: [],
    })),
    pick
      .chain((field) => wrongTypeValue(field.type).map((value) => [field, value] as const))
      .map(([field, value]) => (entries: Entries) => ({
        entries: set(entries, field.name, value),
        key: field.name,
        faults: [invalidField(`${field.name}: wrong type`)],
        tags: [],
      })),
    fc.tuple(pick, fc.constant(null)).map(([field, value]) => (entries: Entries) => ({
      entries: set(entries, field.name, value),
      key: field.name,
      // Optional fields take null as "not given"; required ones must refuse it.
      faults: field.required && !field.unless ? [invalidField(`${field.name}: null`)] : [],
      tags: [],
    })),
    pick.chain((field) =>
      invalidValue(field).map(({ value, why }) => (entries: Entries) => ({
        entries: set(entries, field.name, value),
        key: field.name,
        faults: [invalidField(why)],
        tags: value instanceof Huge ? ['long-field'] : [],
      })),
    ),
    fc
      .tuple(
        strangerKey.filter((k) => !names.includes(k)),
        anyJson,
      )
      .map(([key, value]) => (entries: Entries) => ({
        entries: set(entries, key, value),
        key,
        faults: [invalidField(PROTO_KEYS.includes(key) ? `prototype key ${key}` : `unknown field ${JSON.stringify(key)}`)],
        tags: PROTO_KEYS.includes(key) ? ['proto-key'] : [],
      })),
    fc
      .tuple(
        fc.oneof(
          pick.map((f) => f.name),
          strangerKey.filter((k) => !names.includes(k) && !PROTO_KEYS.includes(k)),
        ),
        fc.constantFrom<'array' | 'object'>('array', 'object'),
        fc.constantFrom(10, 100, 1_000, 2_000, 5_000, 50_000),
      )
      .map(([key, kind, depth]) => (entries: Entries) => ({
        entries: set(entries, key, new Deep(kind, depth)),
        key,
        faults: [invalidField(`${key}: nested ${depth} deep`)],
        tags: [`deep:${depth}`],
      })),
  ];
  return fc.oneof(...options);
}

/** A JSON object for the endpoint's fields: valid, then spoilt zero to three times. */
export function jsonObject(fields: readonly FieldSpec[]): fc.Arbitrary<Piece<FuzzJson>> {
  const base = fc.tuple(
    ...fields.map((field) =>
      fc
        .tuple(fc.double({ min: 0, max: 1, noNaN: true }), validValue(field.type))
        .map(([dice, value]): Entries => (field.required || dice < 0.4 ? [[field.name, value]] : [])),
    ),
  );
  const count = fc.oneof(
    { weight: 6, arbitrary: fc.constant(0) },
    { weight: 3, arbitrary: fc.constant(1) },
    { weight: 1, arbitrary: fc.integer({ min: 2, max: 3 }) },
  );
  return fc
    .tuple(
      base,
      count.chain((n) => fc.array(mutation(fields), { minLength: n, maxLength: n })),
    )
    .map(([parts, mutations]) => {
      let entries: Entries = parts.flat();
      // A later change to a key replaces what an earlier one did to it, faults included.
      const faults = new Map<string, Fault[]>();
      const tags = new Map<string, string[]>();
      for (const mutate of mutations) {
        const result = mutate(entries);
        entries = result.entries;
        faults.set(result.key, result.faults);
        tags.set(result.key, result.tags);
      }
      return {
        value: objectOf(entries),
        faults: [...[...faults.values()].flat(), ...requiredUnlessGiven(fields, entries)],
        outcomes: [],
        tags: [...tags.values()].flat(),
      };
    });
}

/** A field required unless another is given, missing (or null) with that other one. */
function requiredUnlessGiven(fields: readonly FieldSpec[], entries: Entries): Fault[] {
  const given = (name: string) => entries.some(([key, value]) => key === name && value !== null);
  return fields
    .filter((field) => field.required && field.unless !== undefined && !given(field.name) && !given(field.unless))
    .map((field) => invalidField(`${field.name} missing (and ${field.unless ?? ''})`));
}

/** A body as the endpoint would see it after parsing, and the faults validation must find in it. */
export interface BodyDraft {
  body?: FuzzBody;
  /** Faults if the body is parsed as JSON and validated against the endpoint's fields. */
  asJson: Fault[];
  /** The body is not well-formed JSON (or not an object/array at the top, which strict parsing refuses). */
  malformed: boolean;
  /** Statuses validation may fairly answer although nothing is known to be wrong. */
  outcomes?: Outcome[];
  tags: string[];
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Each way of breaking well-formed JSON text. */
const corruptions: ReadonlyArray<(text: string) => string> = [
  (text) => text.slice(0, Math.max(1, text.length - 1)),
  (text) => `${text},`,
  (text) => text.replace(/"/g, "'"),
  (text) => text.replace(/}$/, ',}'),
  (text) => `/* note */${text}`,
  (text) => `${text}}`,
  (text) => text.replace(/^{/, '{reason:'),
  () => '{"reason": NaN}',
  () => '{"reason": undefined}',
  () => '"just a string"',
  () => '42',
  () => 'null',
  () => 'true',
  () => '{"a":1}{"b":2}',
  () => '\u0000{}',
];

/** Bodies for commands: mostly objects near the endpoint's shape, sometimes nothing like it. */
export function commandBody(endpoint: Endpoint): fc.Arbitrary<BodyDraft> {
  const fields = endpoint.fields ?? [];
  const missing = fields.filter((f) => f.required).map((f) => invalidField(`${f.name} missing`));
  const names = fields.map((f) => f.name);
  const object = jsonObject(fields);
  return fc.oneof(
    {
      weight: 75,
      arbitrary: object.map((p) => ({ body: { json: p.value }, asJson: p.faults, malformed: false, tags: p.tags })),
    },
    { weight: 3, arbitrary: fc.constant<BodyDraft>({ asJson: missing, malformed: false, tags: ['no-body'] }) },
    {
      weight: 5,
      arbitrary: fc
        .jsonValue({ maxDepth: 3 })
        .filter((v) => !isPlainObject(v) || Object.keys(v).every((k) => !names.includes(k) && !PROTO_KEYS.includes(k)))
        .map((v): BodyDraft => {
          const json = v as FuzzJson;
          const strictlyRefused = !Array.isArray(v) && !isPlainObject(v);
          const unknownKeys = isPlainObject(v) && Object.keys(v).length > 0;
          const faults = Array.isArray(v) || unknownKeys ? [invalidField('not the body this endpoint takes')] : missing;
          return { body: { json }, asJson: faults, malformed: strictlyRefused, tags: ['random-json'] };
        }),
    },
    {
      weight: 5,
      arbitrary: fc.tuple(object, fc.constantFrom(...corruptions)).map(([p, corrupt]): BodyDraft => {
        const text = corrupt(toJsonText(p.value));
        const malformed = !parsesStrictly(text);
        // Some corruptions leave a body without quotes or commas intact: then it is just the object.
        return { body: { bytes: [text] }, asJson: malformed ? [] : p.faults, malformed, tags: [...p.tags, 'malformed-json'] };
      }),
    },
    {
      // Bytes that are not UTF-8, inside a string (decoded to U+FFFD) or outside one (malformed).
      weight: 2,
      arbitrary: fc
        .tuple(
          object,
          fc.constantFrom([0xed, 0xa0, 0x80], [0xff], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x00], [0x0a]),
          fc.boolean(),
        )
        .map(([p, bytes, inside]): BodyDraft => {
          const text = toJsonText(p.value);
          const at = text.indexOf('":"');
          // A raw NUL or line feed inside a JSON string is not JSON at all.
          const control = bytes.length === 1 && bytes[0] < 0x20;
          // Only into a valid body: U+FFFD would make a blank field non-blank, hiding its fault.
          if (inside && at !== -1 && p.faults.length === 0 && !control) {
            return {
              body: { bytes: [text.slice(0, at + 3), bytes, text.slice(at + 3)] },
              asJson: [],
              // The few added characters may push a field just over its maximum length.
              outcomes: [outcome('validation', 400, 'U+FFFD pushed a field over its length')],
              malformed: false,
              tags: [...p.tags, 'invalid-utf8'],
            };
          }
          // A control byte inside a string, or anything before the object (a line feed there is mere whitespace).
          const parts = inside && at !== -1 && control ? [text.slice(0, at + 3), bytes, text.slice(at + 3)] : [bytes, text];
          const malformed = !parsesStrictly(Buffer.concat(parts.map((x) => Buffer.from(x))).toString('utf8'));
          return { body: { bytes: parts }, asJson: malformed ? [] : p.faults, malformed, tags: [...p.tags, 'invalid-utf8'] };
        }),
    },
    {
      weight: 1,
      arbitrary: object.map((p) => ({
        body: { json: [p.value] },
        asJson: [invalidField('an array, not an object')],
        malformed: false,
        tags: p.tags,
      })),
    },
    { weight: 2, arbitrary: overLimit() },
  );
}

/** Over 1 MiB in every encoding that matters: plain, two-byte and four-byte characters. */
function overLimit(): fc.Arbitrary<BodyDraft> {
  return fc.tuple(fc.constantFrom('x', 'é', '😀', '\ud800'), fc.constantFrom('reason', 'find', 'colour')).map(([unit, key]) => {
    const count = Math.ceil((BODY_LIMIT + 10) / Buffer.byteLength(unit === '\ud800' ? '\\ud800' : unit));
    return {
      body: { json: { [key]: new Huge(unit, count) } },
      asJson: [invalidField('too long')],
      malformed: false,
      tags: ['over-limit'],
    };
  });
}

/** Bodies sent to reads, which have none: ignored, unless they cannot be parsed. */
export function readBody(): fc.Arbitrary<BodyDraft> {
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => ({
        body: { json: v as FuzzJson },
        asJson: [],
        malformed: !parsesStrictly(JSON.stringify(v)),
        tags: ['body-on-read'],
      })),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(...corruptions).map((c) => {
        const text = c('{"a":1}');
        return { body: { bytes: [text] }, asJson: [], malformed: !parsesStrictly(text), tags: ['body-on-read'] };
      }),
    },
    { weight: 1, arbitrary: overLimit() },
  );
}

/** Stories as text/plain for POST /articles: most create an article; blank or NUL text must not. */
export function storyText(): fc.Arbitrary<BodyDraft> {
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .array(visibleText(12), { minLength: 1, maxLength: 5 })
        .map((ps) => ps.join('\n\n'))
        .map(textDraft),
    },
    { weight: 2, arbitrary: codeLookalike.map(textDraft) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          'Categorized in: Diplomacy',
          'Title only',
          '{"body":"json as text"}',
          '\ud800 lone surrogate, sent as U+FFFD',
        )
        .map(textDraft),
    },
    { weight: 2, arbitrary: blankText.map(textDraft) },
    { weight: 1, arbitrary: unstorableText.filter((t) => t.includes('\u0000')).map(textDraft) },
    {
      weight: 1,
      arbitrary: fc.constant<BodyDraft>({
        body: { text: new Huge('x', BODY_LIMIT + 1) },
        asJson: [],
        malformed: false,
        tags: ['over-limit'],
      }),
    },
  );
}

function textDraft(text: string): BodyDraft {
  const sent = Buffer.from(text, 'utf8').toString('utf8');
  const faults = sent.trim() === '' || sent.includes('\u0000') ? [invalidField('blank story or NUL')] : [];
  return { body: { text }, asJson: faults, malformed: false, tags: ['story-text'] };
}

export function parsesStrictly(text: string): boolean {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function bodyBytes(body: FuzzBody | undefined): Buffer | undefined {
  if (body === undefined) return undefined;
  if ('json' in body) return Buffer.from(toJsonText(body.json), 'utf8');
  if ('text' in body) return Buffer.from(body.text instanceof Huge ? body.text.text() : body.text, 'utf8');
  return Buffer.concat(body.bytes.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));
}

/** Nesting of a JSON body, for the deep-JSON signature. */
export function bodyNesting(body: FuzzBody | undefined): number {
  return body && 'json' in body ? nestingOf(body.json) : 0;
}
