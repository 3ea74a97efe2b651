import { Transform } from 'class-transformer';

/**
 * A query parameter that must be a whole number, read as the path's `n` is (PositiveIntPipe):
 * decimal digits only. Number() would take "0x10", "1e1", "1.0", "+1" and " 1" for numbers;
 * anything else stays as sent, for the DTO's IsInt to refuse (400).
 */
export function WholeNumber(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value,
  );
}
