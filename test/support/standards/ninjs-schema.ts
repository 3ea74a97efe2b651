import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const read = (path: string) => JSON.parse(readFileSync(`${process.cwd()}/${path}`, 'utf8')) as Record<string, unknown>;

/**
 * IPTC's ninjs 2.4 JSON Schema as shipped in the repository, compiled with ajv's 2020-12 mode and
 * every format checked (uri, date-time, …). Its one external $ref, GeoJSON, is answered offline by
 * the geojson-schema package's copy of that draft-07 document; `strictRequired` is off because the
 * schema's contactinfoType lists required properties it defines only in some branches.
 */
function compileNinjs(): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  addFormats.default(ajv);
  ajv.addMetaSchema(read('node_modules/ajv/dist/refs/json-schema-draft-07.json'));
  ajv.addSchema(read('node_modules/geojson-schema/GeoJSON.json'));
  return ajv.compile(read('apps/newsroom-api/src/exports/standards/ninjs-schema_2.4.json'));
}

let validate: ValidateFunction | undefined;

/** What IPTC's schema finds wrong with a ninjs item: [] when it is valid ninjs 2.4. */
export function ninjsErrors(item: unknown): string[] {
  validate ??= compileNinjs();
  if (validate(item)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}
