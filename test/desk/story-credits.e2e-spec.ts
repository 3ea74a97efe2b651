/// <reference lib="dom" />
/**
 * Issue 11's Story screen shows a story "as readers see it": a byline and dateline the story
 * carries are shown above its blocks (the sample story, imported as text, has neither).
 */
import type { Browser } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/test-app';
import { launchDeskBrowser } from './support/chromium';
import { signedIn } from './support/signed-in';

let t: TestApp;
let browser: Browser;

beforeAll(async () => {
  browser = await launchDeskBrowser();
  t = await createTestApp({ localSignIn: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

it('shows the byline and dateline of a story that has them', async () => {
  const created = await t
    .http()
    .post('/articles')
    .set('Authorization', `Bearer ${await t.token('rita', 'reporter')}`)
    .send({
      headline: 'Biden and Putin end Geneva summit',
      byline: 'By Newsroom staff',
      dateline: 'Geneva',
      body: 'The two leaders met for four hours at a lakeside villa.',
    });
  expect(created.status).toBe(201);
  const { context, page } = await signedIn(browser, `${await t.url()}/desk/`, 'editor', `#/stories/${created.body.id}`);
  await page.getByTestId('revision').waitFor();
  expect(await page.getByTestId('byline').textContent()).toBe('By Newsroom staff');
  expect(await page.getByTestId('dateline').textContent()).toBe('Geneva');
  // Shown in capitals, as a dateline is printed.
  expect(await page.getByTestId('dateline').innerText()).toBe('GENEVA');
  await context.close();
});
