import { Injectable, type PipeTransform } from '@nestjs/common';
import { invalid } from './validation.pipe';

/** A path parameter that must be a whole number ≥ 1 (a revision). */
@Injectable()
export class PositiveIntPipe implements PipeTransform<string, number> {
  constructor(private readonly field: string) {}

  transform(value: string): number {
    const number = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(number) || number < 1 || number > 2_147_483_647)
      throw invalid([{ field: this.field, message: `${this.field} must be a whole number from 1` }]);
    return number;
  }
}
