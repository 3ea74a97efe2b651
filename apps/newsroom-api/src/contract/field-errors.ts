import type { ErrorObject } from 'ajv';
import type { FieldError } from '../http/problem';
import { NOT_BLANK, RFC3339_PATTERN, UNSTORABLE, UUID_PATTERN } from './schema-kit';

/** The errors[] entry of API.md's validation problem, defined once with the problem itself. */
export type { FieldError } from '../http/problem';

/** Ajv's errors in the words of API.md's errors[]: one { field, message } per broken rule. */
export function fieldErrorsOf(errors: readonly ErrorObject[], where: string): FieldError[] {
  const listed: FieldError[] = [];
  for (const error of errors) {
    // `not` reports its own failure and nothing else; a failed oneOf or if is explained by its parts.
    if (error.keyword === 'oneOf' || error.keyword === 'if') continue;
    const fieldError = fieldErrorOf(error, where);
    if (!listed.some((e) => e.field === fieldError.field && e.message === fieldError.message)) listed.push(fieldError);
  }
  return listed;
}

function fieldErrorOf(error: ErrorObject, where: string): FieldError {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const at = (name: string) => [...path, name].join('.');
  const field = path.join('.');
  const name = field || (where === 'body' ? 'the body' : where);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { field: at(String(params.missingProperty)), message: `${at(String(params.missingProperty))} is required` };
    case 'additionalProperties':
      return {
        field: at(String(params.additionalProperty)),
        message: `property ${at(String(params.additionalProperty))} should not exist`,
      };
    case 'type':
      if (!field && where === 'body')
        return { field: '', message: params.type === 'object' ? 'the body must be a JSON object' : 'the body must be text' };
      return { field, message: `${name} must be ${typeWords(params.type)}` };
    case 'minLength':
      return { field, message: `${name} must not be empty` };
    case 'maxLength':
      return { field, message: `${name} must be at most ${String(params.limit)} characters` };
    case 'maxItems':
      return { field, message: `${name} may hold at most ${String(params.limit)} items` };
    case 'minimum':
    case 'maximum':
      return { field, message: `${name} must be a whole number from ${bounds(error)}` };
    case 'enum':
      return { field, message: `${name} must be one of: ${(params.allowedValues as unknown[]).join(', ')}` };
    case 'format':
      return { field, message: params.format === 'uuid' ? `${name} must be a UUID` : `${name} must be an RFC 3339 date-time` };
    case 'pattern':
      return { field, message: patternWords(name, String(params.pattern)) };
    case 'not':
      return notWords(error, field, name);
    default:
      return { field, message: `${name} ${error.message ?? 'is invalid'}` };
  }
}

function typeWords(type: unknown): string {
  const words: Record<string, string> = {
    integer: 'a whole number',
    string: 'a string',
    object: 'an object',
    array: 'an array',
    null: 'null',
  };
  return String(type)
    .split(',')
    .map((t) => words[t] ?? t)
    .join(' or ');
}

function bounds(error: ErrorObject): string {
  const schema = error.parentSchema as { minimum?: number; maximum?: number };
  return `${schema.minimum ?? '…'} to ${schema.maximum ?? '…'}`;
}

function patternWords(name: string, pattern: string): string {
  if (pattern === NOT_BLANK) return `${name} must not be blank`;
  if (pattern === UUID_PATTERN) return `${name} must be a UUID`;
  if (pattern === RFC3339_PATTERN) return `${name} must be an RFC 3339 date-time`;
  return `${name} is malformed (it must match ${pattern})`;
}

function notWords(error: ErrorObject, field: string, name: string): FieldError {
  const forbidden = error.schema as { pattern?: string; required?: string[] };
  if (forbidden.pattern === UNSTORABLE) return { field, message: `${name} must be well-formed Unicode without NUL characters` };
  if (forbidden.required) {
    const names = forbidden.required;
    return { field: names[names.length - 1], message: `${names.join(' and ')} exclude each other` };
  }
  return { field, message: `${name} is invalid` };
}
