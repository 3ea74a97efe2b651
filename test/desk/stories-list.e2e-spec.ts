/// <reference lib="dom" />
/**
 * Issue 11's Stories screen beyond the headline search: a story imported from a .txt upload, a
 * category removed from it, the status and category filters, and "Load more" past the first 20.
 */
import type { Browser } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/test-app';
import { launchDeskBrowser } from './support/chromium';
import { signedIn } from './support/signed-in';
import { savedNotice as notice } from './support/story-page';

let t: TestApp;
let browser: Browser;

/** 21 seeded stories: every seventh published, every third in Sport; with the upload, 22. */
const SEEDED = 21;

beforeAll(async () => {
  browser = await launchDeskBrowser();
  t = await createTestApp({ localSignIn: true });
  const editor = await t.token('eddie', 'editor');
  for (let n = 1; n <= SEEDED; n++) {
    const created = await t
      .http()
      .post('/articles')
      .set('Authorization', `Bearer ${editor}`)
      .send({ headline: `Council meeting ${n}`, body: 'The council met.', categories: n % 3 === 0 ? [{ label: 'Sport' }] : [] });
    if (created.status !== 201) throw new Error(`seeding failed: ${created.status}`);
    if (n % 7 === 0) {
      const published = await t
        .http()
        .post(`/articles/${created.body.id}/publication`)
        .set('Authorization', `Bearer ${editor}`)
        .send({ reason: 'Ready' });
      if (published.status !== 200) throw new Error(`publishing failed: ${published.status}`);
    }
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

it('imports a .txt upload, removes its category, filters by status and category, and loads more', async () => {
  const { context, page } = await signedIn(browser, `${await t.url()}/desk/`, 'editor');

  await page.getByRole('button', { name: 'Import a story' }).click();
  const wire = 'Harbour reopens after storm\n\nThe harbour reopened on Monday.\n\nCategorized in: Weather';
  await page
    .getByLabel('Or upload a .txt file')
    .setInputFiles({ name: 'wire.txt', mimeType: 'text/plain', buffer: Buffer.from(wire) });
  await page.waitForFunction(() => (document.getElementById('import-text') as HTMLTextAreaElement).value.includes('harbour'));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByTestId('revision').filter({ hasText: 'revision 1' }).waitFor();
  expect(await page.getByTestId('headline').textContent()).toBe('Harbour reopens after storm');
  expect(await page.getByTestId('categories').textContent()).toContain('Weather');

  await page.getByRole('button', { name: 'Remove category Weather' }).click();
  await notice(page).filter({ hasText: 'revision 2' }).waitFor();
  expect(await page.getByTestId('categories').count()).toBe(0);

  await page.getByRole('link', { name: 'Stories' }).click();
  const titles = page.locator('.story-list > li > a');
  await page.waitForFunction(() => document.querySelectorAll('.story-list > li').length === 20);
  await page.getByRole('button', { name: 'Load more stories' }).click();
  await page.waitForFunction((all) => document.querySelectorAll('.story-list > li').length === all, SEEDED + 1);
  expect(await page.getByRole('button', { name: 'Load more stories' }).count()).toBe(0);

  await page.getByLabel('Status').selectOption('published');
  await page.waitForFunction(() => document.querySelectorAll('.story-list > li').length === 3);
  expect((await titles.allTextContents()).sort()).toEqual(['Council meeting 14', 'Council meeting 21', 'Council meeting 7']);

  await page.getByLabel('Category').fill('sport');
  await page.getByRole('button', { name: 'Search' }).click();
  // Published and in Sport: 21 only (7 and 14 are not multiples of 3).
  await page.waitForFunction(() => document.querySelectorAll('.story-list > li').length === 1);
  expect(await titles.allTextContents()).toEqual(['Council meeting 21']);

  await page.getByLabel('Status').selectOption('');
  await page.waitForFunction(() => document.querySelectorAll('.story-list > li').length === 7);
  await context.close();
});
