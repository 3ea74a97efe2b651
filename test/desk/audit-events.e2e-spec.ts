/// <reference lib="dom" />
/**
 * The audit screen's raw events of a story longer than one page (issue 20): the desk reads the
 * log a page at a time through its cursor, and "Load more events" fetches the next page.
 */
import type { Browser } from 'playwright-core';
import { createSampleArticle } from '../support/articles-api';
import { createTestApp, type TestApp } from '../support/test-app';
import { launchDeskBrowser } from './support/chromium';
import { signedIn } from './support/signed-in';

/** The desk's page of raw events is 50: a story of 60 revisions takes two. */
const REVISIONS = 60;

let t: TestApp;
let browser: Browser;
let storyId: string;

beforeAll(async () => {
  browser = await launchDeskBrowser();
  t = await createTestApp({ localSignIn: true });
  const editor = await t.token('eddie', 'editor');
  storyId = await createSampleArticle(t, editor);
  for (let n = 2; n <= REVISIONS; n++) {
    const res = await t
      .http()
      .post(`/articles/${storyId}/categories`)
      .set('Authorization', `Bearer ${editor}`)
      .send({ label: `Topic ${n}` });
    expect(res.status).toBe(200);
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

it('shows an auditor the first page of raw events, and the rest on "Load more events"', async () => {
  const desk = `${await t.url()}/desk/`;
  const { context, page } = await signedIn(browser, desk, 'auditor');
  const logReads: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/events')) logReads.push(new URL(request.url()).search);
  });
  await page.goto(`${desk}#/stories/${storyId}/audit`);

  const firstCells = page.locator('table.events tbody tr td:first-child');
  const more = page.getByRole('button', { name: 'Load more events' });
  await more.waitFor();
  expect(await firstCells.allTextContents()).toEqual(Array.from({ length: 50 }, (_, i) => String(i + 1)));
  await more.click();
  await page.waitForFunction((count) => document.querySelectorAll('table.events tbody tr').length === count, REVISIONS);
  expect(await firstCells.allTextContents()).toEqual(Array.from({ length: REVISIONS }, (_, i) => String(i + 1)));
  expect(await more.count()).toBe(0);
  // Two pages of the API's, the second named by the first's cursor: never the whole log at once.
  expect(logReads).toEqual(['?limit=50', expect.stringMatching(/^\?limit=50&cursor=[\w-]+$/)]);
  await context.close();
});
