import type { ValidateFunction } from 'ajv';
import { contractAjv } from './ajv';
import { type FieldError, fieldErrorsOf } from './field-errors';
import type { Operation } from './operation';
import type { Schema } from './schema-kit';

/** What a request carries, as Express hands it over. */
export interface RawRequest {
  params: Record<string, string>;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed body, or undefined when none was sent. */
  body: unknown;
  /** The body's media type without parameters, e.g. application/json. */
  mediaType: string | undefined;
}

/** A request that passed its operation's schemas, whole numbers read and ids in lower case. */
export interface ValidInput {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

export type Validation = { valid: true; input: ValidInput } | { valid: false; errors: FieldError[] };

const ajv = contractAjv();

/** Checks requests against one operation's schemas, compiled once. */
export class RequestValidator {
  private readonly params?: ValidateFunction;
  private readonly query?: ValidateFunction;
  private readonly headers?: ValidateFunction;
  private readonly bodies = new Map<string, ValidateFunction>();

  constructor(private readonly operation: Operation) {
    const { params, query, headers, body } = operation;
    if (params) this.params = ajv.compile(closed(params, Object.keys(params)));
    if (query) this.query = ajv.compile({ ...closed(query.properties, query.required ?? []), ...query.rules });
    if (headers) {
      const properties = Object.fromEntries(Object.entries(headers).map(([name, { schema }]) => [name.toLowerCase(), schema]));
      this.headers = ajv.compile({ type: 'object', properties });
    }
    for (const [mediaType, { schema }] of Object.entries(body?.content ?? {})) this.bodies.set(mediaType, ajv.compile(schema));
  }

  validate(request: RawRequest): Validation {
    const params = wholeNumbersRead(request.params, this.operation.params ?? {});
    const query = wholeNumbersRead(request.query, this.operation.query?.properties ?? {});
    const errors = [
      ...check(this.params, params, 'path'),
      ...check(this.query, query, 'query'),
      ...check(this.headers, request.headers, 'headers'),
    ];
    const body = this.bodyValidator(request.mediaType);
    // A body left out is read as an empty object: the fields it must hold are then named.
    const sent = request.body === undefined && request.mediaType !== 'text/plain' ? {} : request.body;
    if (body) errors.push(...check(body, sent, 'body'));
    if (errors.length > 0) return { valid: false, errors };
    for (const [name, schema] of Object.entries(this.operation.params ?? {})) {
      if (schema.format === 'uuid') params[name] = String(params[name]).toLowerCase();
    }
    return {
      valid: true,
      input: { params, query, body: body ? withoutNulls(sent, this.bodySchema(request.mediaType)) : undefined },
    };
  }

  private bodySchema(mediaType: string | undefined): Schema | undefined {
    const content = this.operation.body?.content ?? {};
    return (content[mediaType ?? 'application/json'] ?? content['application/json'])?.schema;
  }

  private bodyValidator(mediaType: string | undefined): ValidateFunction | undefined {
    return this.bodies.get(mediaType ?? 'application/json') ?? this.bodies.get('application/json');
  }
}

function closed(properties: Record<string, Schema>, required: string[]): Schema {
  return { type: 'object', additionalProperties: false, properties, required };
}

function check(validate: ValidateFunction | undefined, value: unknown, where: string): FieldError[] {
  if (!validate || validate(value)) return [];
  return fieldErrorsOf(validate.errors ?? [], where);
}

/**
 * Paths and queries are text: a parameter the schema types as a whole number is read from
 * decimal digits only (leading zeros and all; the schema's bounds then apply). Number() would take "0x10", "1e1", "1.0", "+1" and " 1"; anything else
 * stays as sent, for the schema to refuse.
 */
function wholeNumbersRead(values: Record<string, unknown>, schemas: Record<string, Schema>): Record<string, unknown> {
  const read: Record<string, unknown> = { ...values };
  for (const [name, value] of Object.entries(values)) {
    if (schemas[name]?.type === 'integer' && typeof value === 'string' && /^\d+$/.test(value)) read[name] = Number(value);
  }
  return read;
}

/** An optional property sent as null was not given: handlers see it absent, as the schema allows. */
function withoutNulls(value: unknown, schema: Schema | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutNulls(item, schema?.items as Schema | undefined));
  if (typeof value !== 'object' || value === null || !schema?.properties) return value;
  const properties = schema.properties as Record<string, Schema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const kept: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === null && !required.has(key)) continue;
    kept[key] = withoutNulls(item, properties[key]);
  }
  return kept;
}
