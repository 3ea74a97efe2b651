/**
 * `npm run api:types`: writes the typed client's types from the contract's OpenAPI document, as
 * the API serves it. The API's own handlers and the tests are typed by them.
 */
import { writeFileSync } from 'node:fs';
import { openApiDocument } from '../apps/newsroom-api/src/contract/openapi-document';
import { GENERATED_TYPES_PATH, generateApiTypes } from '../libs/api-client/src/generate-types';

void generateApiTypes(openApiDocument()).then((types) => {
  writeFileSync(GENERATED_TYPES_PATH, types);
  console.log(`wrote ${GENERATED_TYPES_PATH}`);
});
