/// <reference lib="dom" />
/**
 * Issue 13 in the desk: the sample story's empty "Categorized in:" gets Media Topics suggested
 * from its words, each with why and one click to add; "Add category" looks topics up as the
 * editor types, and a picked topic is saved with its code.
 */
import type { Browser } from 'playwright-core';
import { createSampleArticle } from '../support/articles-api';
import { createTestApp, type TestApp } from '../support/test-app';
import { launchDeskBrowser, shoot } from './support/chromium';
import { signedIn } from './support/signed-in';
import { savedNotice as notice } from './support/story-page';

let t: TestApp;
let browser: Browser;
let storyId: string;

beforeAll(async () => {
  browser = await launchDeskBrowser();
  t = await createTestApp({ localSignIn: true });
  storyId = await createSampleArticle(t, await t.token('eddie', 'editor'));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

it('suggests Media Topics for the sample story and adds them with one click, or as looked up', async () => {
  const { context, page } = await signedIn(browser, `${await t.url()}/desk/`, 'editor', `#/stories/${storyId}`);

  const suggestions = page.getByTestId('category-suggestions');
  await suggestions.getByText('Label words in the story: diplomacy, diplomatic.').waitFor();
  await shoot(page, '20-category-suggestions');
  await page.getByRole('button', { name: 'Add “diplomacy”' }).click();
  await notice(page).filter({ hasText: 'revision 2' }).waitFor();
  expect(await page.getByTestId('categories').textContent()).toContain('diplomacy');
  // Added, it is no longer suggested.
  await page.getByRole('button', { name: 'Add “diplomacy”' }).waitFor({ state: 'detached' });

  await page.getByRole('button', { name: 'Add category' }).click();
  await page.getByRole('textbox', { name: 'Category', exact: true }).fill('summit me');
  const options = page.getByRole('list', { name: 'Matching IPTC Media Topics' });
  await options.getByRole('button', { name: 'summit meeting' }).click();
  await page.getByText('IPTC Media Topic medtop:20000640, in diplomacy.').waitFor();
  await shoot(page, '21-category-lookup');
  await page.getByRole('button', { name: 'Save' }).click();
  await notice(page).filter({ hasText: 'revision 3' }).waitFor();

  const res = await t
    .http()
    .get(`/articles/${storyId}`)
    .set('Authorization', `Bearer ${await t.token('ada', 'auditor')}`);
  expect(res.body.categories).toEqual([
    { slug: 'diplomacy', label: 'diplomacy', code: 'medtop:20000639' },
    { slug: 'summit-meeting', label: 'summit meeting', code: 'medtop:20000640' },
  ]);
  await context.close();
});
