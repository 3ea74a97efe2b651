import { type ArgumentMetadata, Injectable, ValidationPipe, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { type FieldError, ProblemException } from './problem';

/**
 * class-validator with unknown fields refused and every failure listed per field, rendered as
 * one 400 problem.
 */
@Injectable()
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => invalid(errors.flatMap((error) => flatten(error, ''))),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Path parameters have their own pipes; converting them here would let "1e0" pass for 1.
    if (metadata.type === 'param' || !this.toValidate(metadata)) return value;
    if (metadata.type === 'body' && value !== undefined && !isPlainObject(value)) {
      throw invalid([{ field: '', message: 'the body must be a JSON object' }]);
    }
    const unknown = isPlainObject(value) ? unknownKeys(value as object, metadata.metatype) : [];
    try {
      const valid = await super.transform(value, metadata);
      if (unknown.length > 0) throw invalid(unknown);
      return valid;
    } catch (error) {
      if (!(error instanceof ProblemException) || unknown.length === 0) throw error;
      const listed = (error.problem.errors ?? []) as FieldError[];
      throw invalid([...listed, ...unknown.filter((u) => !listed.some((l) => l.field === u.field))]);
    }
  }
}

export function invalid(errors: FieldError[]): ProblemException {
  const detail = errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ');
  return ProblemException.of(400, 'ValidationFailed', 'Validation failed', detail || 'The request is invalid.', { errors });
}

function flatten(error: ValidationError, parent: string): FieldError[] {
  const field = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
  return [...own, ...(error.children ?? []).flatMap((child) => flatten(child, field))];
}

/**
 * class-transformer drops keys such as `__proto__`, `constructor` or `toString` before the
 * whitelist sees them: the body's own keys are checked against the DTO's properties first.
 */
function unknownKeys(value: object, metatype: ArgumentMetadata['metatype']): FieldError[] {
  const known = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(metatype as new () => object, '', true, false)
      .map((m) => m.propertyName),
  );
  return Object.keys(value)
    .filter((key) => !known.has(key))
    .map((field) => ({ field, message: `property ${field} should not exist` }));
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
