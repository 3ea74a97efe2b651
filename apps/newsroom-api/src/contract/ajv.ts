import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * An Ajv for the contract's schemas: JSON Schema 2020-12 (OpenAPI 3.1's dialect), every error
 * reported rather than the first, and OpenAPI's `example` accepted as an annotation.
 */
export function contractAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false });
  addFormats.default(ajv, ['uuid', 'date-time']);
  ajv.addKeyword({ keyword: 'example', schemaType: ['string', 'number', 'boolean', 'object', 'array', 'null'] });
  return ajv;
}
