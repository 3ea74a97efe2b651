/**
 * Building blocks of the contract's JSON Schemas (2020-12, as OpenAPI 3.1 takes them). Each
 * names one rule the API enforces, so that the published document says exactly what the
 * validator checks: both are compiled from the same objects.
 */
export type Schema = Record<string, unknown>;

/** Text PostgreSQL's jsonb can hold: no NUL, no lone surrogate (patterns run in Unicode mode). */
export const UNSTORABLE = '[\\u0000\\uD800-\\uDFFF]';
/** At least one character that is not white space. */
export const NOT_BLANK = '\\S';
/** RFC 9562's 8-4-4-4-12 hex form, any version. */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
/** RFC 3339's date-time exactly: a T between date and time, an offset with its colon. */
export const RFC3339_PATTERN =
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$';
/** PostgreSQL's integer: revisions and positions above it cannot exist. */
export const MAX_INT = 2_147_483_647;

/** A string of at most `max` characters; not blank unless `allowEmpty`. */
export function text(max: number, extra: Schema = {}, { allowEmpty = false } = {}): Schema {
  const bounds = allowEmpty ? {} : { minLength: 1, pattern: NOT_BLANK };
  return { type: 'string', ...bounds, maxLength: max, not: { type: 'string', pattern: UNSTORABLE }, ...extra };
}

/** A whole number in [min, max]; in a path or query it is written in decimal digits only. */
export function wholeNumber(min: number, max: number, extra: Schema = {}): Schema {
  return { type: 'integer', minimum: min, maximum: max, ...extra };
}

export function uuid(extra: Schema = {}): Schema {
  return { type: 'string', format: 'uuid', pattern: UUID_PATTERN, ...extra };
}

/** An optional property that may also be sent as null: null then means "not given". */
export function optional(schema: Schema): Schema {
  return nullable(schema);
}

export function nullable(schema: Schema): Schema {
  const type = schema.type as string;
  const values = schema.enum as unknown[] | undefined;
  return { ...schema, type: [type, 'null'], ...(values ? { enum: [...values, null] } : {}) };
}

/** A closed object: every property listed, unknown ones refused. */
export function object(properties: Record<string, Schema>, required: string[] = [], extra: Schema = {}): Schema {
  return { type: 'object', additionalProperties: false, properties, ...(required.length ? { required } : {}), ...extra };
}

export function arrayOf(items: Schema, extra: Schema = {}): Schema {
  return { type: 'array', items, ...extra };
}

export function ref(component: string): Schema {
  return { $ref: `#/components/schemas/${component}` };
}

export const dateTime: Schema = { type: 'string', format: 'date-time' };
