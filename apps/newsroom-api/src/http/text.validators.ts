import { applyDecorators } from '@nestjs/common';
import { IsNotEmpty, IsString, MaxLength, registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * PostgreSQL's jsonb cannot hold NUL or unpaired surrogates: such text is refused up front
 * (400) instead of failing deep in the database.
 */
export function IsStorableText(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isStorableText',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be well-formed Unicode without NUL characters', ...options },
      validator: { validate: (value: unknown) => typeof value !== 'string' || isStorableText(value) },
    });
}

export function isStorableText(value: string): boolean {
  return value.isWellFormed() && !value.includes('\u0000');
}

/** A string field: storable, within `max` characters, and (unless `allowEmpty`) not blank. */
export function Text(max: number, { allowEmpty = false } = {}): PropertyDecorator {
  const checks = [IsString(), MaxLength(max), IsStorableText()];
  if (!allowEmpty) checks.push(IsNotEmpty(), IsNotBlank());
  return applyDecorators(...checks);
}

function IsNotBlank(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isNotBlank',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must not be blank' },
      validator: { validate: (value: unknown) => typeof value !== 'string' || value.trim() !== '' },
    });
}
