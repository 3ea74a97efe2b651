/// <reference lib="dom" />
/**
 * Issue 11's seam for live updates: an open history learns of a revision saved elsewhere and
 * offers it, without losing what the editor had picked.
 */
import type { Browser } from 'playwright-core';
import { createSampleArticle } from '../support/articles-api';
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

it('offers a revision saved elsewhere while the history is open', async () => {
  const anna = await t.token('anna', 'editor');
  const id = await createSampleArticle(t, anna);
  const { context, page } = await signedIn(browser, `${await t.url()}/desk/`, 'editor', `#/stories/${id}/history`);
  await page.locator('li[data-revision="1"]').waitFor();
  await page.getByLabel('Revision 1', { exact: true }).check();

  const saved = await t
    .http()
    .put(`/articles/${id}/headline`)
    .set('Authorization', `Bearer ${anna}`)
    .set('If-Match', '"1"')
    .send({ headline: 'Biden and Putin end Geneva summit', reason: 'A headline' });
  expect(saved.status).toBe(200);

  const newer = page.getByTestId('newer');
  await newer.waitFor({ timeout: 15_000 });
  expect(await newer.textContent()).toContain('anna saved revision 2');
  // Nothing moved under the editor: the timeline and the pick are as they were.
  expect(await page.locator('[data-testid="timeline"] > li').count()).toBe(1);
  expect(await page.getByLabel('Revision 1', { exact: true }).isChecked()).toBe(true);

  await newer.getByRole('button', { name: 'Show the latest history' }).click();
  await page.locator('li[data-revision="2"]').waitFor();
  expect(await newer.count()).toBe(0);
  await context.close();
});
