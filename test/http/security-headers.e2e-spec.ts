import express from 'express';
import helmet from 'helmet';
import type { AddressInfo } from 'node:net';
import { helmetOptions } from '../../apps/newsroom-api/src/http/security-headers';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The API works out helmet's headers once (security-headers.ts). Every kind of answer must
 * still carry exactly what helmet itself sets, as an app running helmet per request shows.
 */
describe('security headers', () => {
  let t: TestApp;
  let expected: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    const reference = express().use(helmet(helmetOptions({})));
    reference.get('/', (_req, res) => void res.json({}));
    // Over a socket with fetch: supertest's answers are all checked against our own contract.
    const server = reference.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const answer = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await new Promise((resolve) => server.close(resolve));
    const ignored = new Set(['content-type', 'content-length', 'etag', 'date', 'connection', 'keep-alive']);
    expected = Object.fromEntries([...answer.headers].filter(([name]) => !ignored.has(name)));
    expect(Object.keys(expected)).toEqual(expect.arrayContaining(['content-security-policy', 'strict-transport-security']));
  });
  afterAll(() => t.close());

  it.each([
    ['a read', '/health'],
    ['a problem', '/articles/not-a-uuid'],
    ['the OpenAPI document', '/docs-json'],
    ['an unserved method', '/health'],
  ])('are on %s exactly as helmet sets them', async (what, path) => {
    const call = what === 'an unserved method' ? t.http().delete(path) : t.http().get(path);
    const answer = await call;
    const headers = answer.headers as Record<string, string>;
    expect(Object.fromEntries(Object.keys(expected).map((name) => [name, headers[name]]))).toEqual(expected);
    expect(headers['x-powered-by']).toBeUndefined();
  });
});
