import { readFileSync } from 'node:fs';
import { validate } from '@readme/openapi-parser';
import { openApiDocument } from '../../apps/newsroom-api/src/contract/openapi-document';
import { GENERATED_TYPES_PATH, generateApiTypes } from '../../libs/api-client/src/generate-types';
import { createTestApp, type TestApp } from '../support/test-app';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The document /docs-json serves is the contract the server validates with, a valid OpenAPI
 * 3.1 document, the source of the committed client types, and says what issue 17 found it silent on.
 */
describe('the OpenAPI document', () => {
  let t: TestApp;
  let served: Json;
  let operations: Array<Json & { key: string }>;

  beforeAll(async () => {
    t = await createTestApp({ runFollowers: false });
    served = (await t.http().get('/docs-json')).body;
    operations = Object.entries(served.paths as Json).flatMap(([path, methods]) =>
      Object.entries(methods as Json).map(([method, operation]) => ({ ...operation, key: `${method.toUpperCase()} ${path}` })),
    );
  });
  afterAll(() => t.close());

  it('is the contract itself, and valid OpenAPI 3.1', async () => {
    expect(served).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    expect(served.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(served) as never);
    expect(result).toMatchObject({ valid: true, warnings: [] });
  });

  it('is what the committed client types were generated from (npm run api:types)', async () => {
    expect(readFileSync(GENERATED_TYPES_PATH, 'utf8')).toBe(await generateApiTypes(served));
  });

  const parameters = (where: string): Json[] =>
    operations.flatMap((operation) =>
      ((operation.parameters ?? []) as Json[]).filter((p) => p.in === where).map((p) => ({ ...p, key: operation.key })),
    );
  const jsonBodies = (): Json[] =>
    operations.flatMap((operation) => {
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      return schema ? [{ key: operation.key, schema }] : [];
    });

  it('types every id as a UUID, every whole number as a bounded integer', () => {
    for (const id of parameters('path').filter((p) => p.name === 'id')) {
      expect({ key: id.key, schema: id.schema }).toMatchObject({ key: id.key, schema: { type: 'string', format: 'uuid' } });
      expect(new RegExp(id.schema.pattern, 'u').test('abc')).toBe(false);
    }
    const wholeNumbers = [
      ...parameters('path').filter((p) => p.name === 'n'),
      ...parameters('query').filter((p) => ['limit', 'revision', 'from', 'to'].includes(p.name)),
      ...jsonBodies().flatMap(({ key, schema }) =>
        ['revision', 'occurrence']
          .filter((name) => schema.properties[name])
          .map((name) => ({ key, name, schema: schema.properties[name] })),
      ),
    ];
    expect(wholeNumbers).toHaveLength(17);
    for (const { key, name, schema } of wholeNumbers) {
      expect({
        key,
        name,
        type: [schema.type].flat()[0],
        minimum: schema.minimum,
        bounded: schema.maximum <= 2_147_483_647,
      }).toEqual({
        key,
        name,
        type: 'integer',
        minimum: 1,
        bounded: true,
      });
    }
  });

  it('closes every request body and says which strings must not be blank', () => {
    for (const { key, schema } of jsonBodies()) {
      expect({ key, additionalProperties: schema.additionalProperties }).toEqual({ key, additionalProperties: false });
      for (const name of ['reason', 'headline', 'find', 'notice', 'label', 'code', 'body']) {
        const property = schema.properties[name];
        if (!property) continue;
        expect({ key, name, minLength: property.minLength, pattern: property.pattern }).toEqual({
          key,
          name,
          minLength: 1,
          pattern: '\\S',
        });
      }
    }
    for (const query of parameters('query').filter((p) => ['cursor', 'category'].includes(p.name))) {
      expect({ key: query.key, minLength: query.schema.minLength }).toEqual({ key: query.key, minLength: 1 });
    }
  });

  it('gives If-Match and Idempotency-Key their syntax, refusing what the server refuses', async () => {
    const [ifMatch] = parameters('header').filter((p) => p.name === 'If-Match');
    const [key] = parameters('header').filter((p) => p.name === 'Idempotency-Key');
    const matches = (pattern: string, value: string) => new RegExp(pattern, 'u').test(value);
    expect(['"4"', '"4", "5"', '*', 'W/"4"'].map((v) => matches(ifMatch.schema.pattern, v))).toEqual([true, true, true, true]);
    expect(['', '4', '"x"'].map((v) => matches(ifMatch.schema.pattern, v))).toEqual([false, false, false]);
    expect(matches(key.schema.pattern, 'a b')).toBe(false);
    expect(matches(key.schema.pattern, 'x'.repeat(201))).toBe(false);
    const editor = await t.token('eddie', 'editor');
    const empty = await t
      .http()
      .put('/articles/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed/headline')
      .set('Authorization', `Bearer ${editor}`)
      .set('If-Match', '')
      .send({ headline: 'x', reason: 'y' });
    expect(empty.status).toBe(400);
  });

  it('publishes POST /articles as string-or-null fields and the text/plain body as a string', () => {
    const create = served.paths['/articles'].post.requestBody.content;
    for (const name of ['headline', 'byline', 'dateline'])
      expect(create['application/json'].schema.properties[name].type).toEqual(['string', 'null']);
    expect(create['text/plain'].schema).toMatchObject({ type: 'string', minLength: 1 });
    expect(create['text/plain'].schema).not.toHaveProperty('properties');
  });

  it('lists every answer the routes send: 401 and 429 wherever a token is needed, 403 where roles are, 503 of health', () => {
    for (const operation of operations) {
      const statuses = Object.keys(operation.responses).map(Number);
      // The newsroom's JWT; /metrics asks for its own token, is never 400 (no parameters) nor 503 (it reports what it can).
      const signedIn = operation.security.some((requirement: Json) => 'bearer' in requirement);
      const needs = signedIn ? [400, 401, 429, 503] : [];
      if (/Roles:/.test(operation.description ?? '')) needs.push(403);
      expect({ key: operation.key, missing: needs.filter((s) => !statuses.includes(s)) }).toEqual({
        key: operation.key,
        missing: [],
      });
      for (const status of statuses) expect(operation.responses[status].content ?? {}).not.toEqual({});
    }
    const corrections = served.paths['/corrections'].get.responses;
    expect(corrections[200].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CorrectionPage' });
    expect(Object.keys(served.paths['/health'].get.responses)).toEqual(['200', '503']);
  });
});
