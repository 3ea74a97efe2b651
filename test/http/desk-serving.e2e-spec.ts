import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../support/test-app';

/** The API serves the built desk at /desk, and offers its one-click sign-in only where it may. */
describe('the desk, served by the API', () => {
  let t: TestApp;
  let deskDir: string;

  beforeAll(async () => {
    deskDir = mkdtempSync(join(tmpdir(), 'desk-'));
    mkdirSync(join(deskDir, 'assets'));
    writeFileSync(join(deskDir, 'index.html'), '<!doctype html><title>Desk</title><div id="app"></div>');
    writeFileSync(join(deskDir, 'assets', 'app.js'), 'console.log("desk")');
    t = await createTestApp({ runFollowers: false, deskDir, localSignIn: true });
  });
  afterAll(() => t.close());

  it('serves its files, and index.html for its own routes', async () => {
    const page = await t.http().get('/desk/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<div id="app">');
    expect((await t.http().get('/desk/assets/app.js')).text).toBe('console.log("desk")');
    const route = await t.http().get('/desk/stories/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed/history');
    expect(route.status).toBe(200);
    expect(route.text).toContain('<div id="app">');
    expect((await t.http().get('/desk')).status).toBe(301);
  });

  it('says how to build the desk when it is not built', async () => {
    const bare = await createTestApp({ runFollowers: false, deskDir: join(deskDir, 'missing') });
    try {
      const res = await bare.http().get('/desk/');
      expect(res.status).toBe(404);
      expect(res.body.detail).toMatch(/npm run build:desk/);
    } finally {
      await bare.close();
    }
  });

  it('signs a loopback caller in with one click, for the role asked, with a token the API takes', async () => {
    const res = await t.http().post('/local-sign-in').send({ role: 'auditor' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ token: expect.any(String), sub: 'local-auditor', name: 'Local auditor', roles: ['auditor'] });
    const list = await t.http().get('/articles').set('Authorization', `Bearer ${res.body.token}`);
    expect(list.status).toBe(200);
    expect((await t.http().post('/local-sign-in').send({ role: 'admin' })).status).toBe(400);
  });

  it('has no sign-in where the API is not on the embedded default', async () => {
    const shared = await createTestApp({ runFollowers: false });
    try {
      const res = await shared.http().post('/local-sign-in').send({ role: 'editor' });
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await shared.close();
    }
  });
});
