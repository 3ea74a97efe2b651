/// <reference lib="dom" />
/**
 * The desk in headless Chromium against the API on a real PostgreSQL (issue 11, "Must show"). The
 * browser is Debian's chromium (or CHROMIUM_PATH); without one the suite fails saying how to get it.
 */
import type { Browser } from 'playwright-core';
import { GENEVA_SUMMIT } from '../support/sample-story';
import { createTestApp, type TestApp } from '../support/test-app';
import { launchDeskBrowser, shoot } from './support/chromium';
import { signedIn as signedInAs, type DeskRole } from './support/signed-in';
import { savedNotice as notice, select } from './support/story-page';

let t: TestApp;
let browser: Browser;
let desk: string;
let storyId: string;

beforeAll(async () => {
  browser = await launchDeskBrowser();
  t = await createTestApp({ localSignIn: true });
  desk = `${await t.url()}/desk/`;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const signedIn = (role: DeskRole, path = '') => signedInAs(browser, desk, role, path);

describe('the desk', () => {
  it('shows the sign-in screen', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(desk);
    await page.getByRole('heading', { name: 'Sign in to the desk' }).waitFor();
    await shoot(page, '01-sign-in');
    await context.close();
  });

  it('lets an editor import, correct by selection, categorise, publish, diff and restore', async () => {
    const { context, page } = await signedIn('editor');
    await page.getByRole('button', { name: 'Import a story' }).click();
    await page.getByLabel('Headline (optional)').fill('Biden and Putin end Geneva summit');
    await page.getByLabel('Story text').fill(GENEVA_SUMMIT);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('revision').filter({ hasText: 'revision 1' }).waitFor();
    storyId = /#\/stories\/([0-9a-f-]{36})/.exec(page.url())![1];

    await select(page, 'Citizen Free Press’s Matthew Chance');
    await page.getByRole('button', { name: 'Fix attribution' }).click();
    expect(await page.getByLabel('Find').inputValue()).toBe('Citizen Free Press’s Matthew Chance');
    await page.getByLabel('Replace with').fill('CNN’s Matthew Chance');
    await page.getByLabel('Reason (kept in the history)').fill('Chance works for CNN');
    await page.getByRole('button', { name: 'Save correction' }).click();
    await notice(page).filter({ hasText: 'revision 2' }).waitFor();
    expect(await page.locator('[data-block-id="b9"]').textContent()).toContain('question from CNN’s Matthew Chance.');

    await select(page, 'a La Casa official said. White.');
    await page.getByRole('button', { name: 'Correct this' }).click();
    await page.getByLabel('Replace with').fill('a White House official said.');
    await page.getByLabel('Reason (kept in the history)').fill('Mistranslated source');
    await page
      .getByLabel('Public notice (optional, shown to readers)')
      .fill('An earlier version of this article misnamed the White House.');
    await page.getByLabel('Kind of notice').selectOption('correction');
    await page.getByRole('button', { name: 'Save correction' }).click();
    await notice(page).filter({ hasText: 'revision 3' }).waitFor();
    expect(await page.getByTestId('notices').textContent()).toContain('misnamed the White House');

    await page.getByRole('button', { name: 'Add category' }).click();
    await page.getByRole('textbox', { name: 'Category', exact: true }).fill('Diplomacy');
    await page.getByRole('button', { name: 'Save' }).click();
    await notice(page).filter({ hasText: 'revision 4' }).waitFor();

    await page.getByRole('button', { name: 'Publish' }).click();
    await notice(page).filter({ hasText: 'revision 5' }).waitFor();
    expect(await page.locator('.badge').first().textContent()).toBe('published');
    await shoot(page, '03-story');

    await page.getByRole('link', { name: 'History' }).click();
    // The notice is shown on the entry of the revision that published it, and on no other.
    const published = page.locator('li[data-revision="3"]').getByTestId('entry-notice');
    expect(await published.textContent()).toBe(
      'Public notice (Correction): An earlier version of this article misnamed the White House.',
    );
    expect(await page.getByTestId('entry-notice').count()).toBe(1);
    await page.getByLabel('Revision 1', { exact: true }).check();
    await page.getByLabel('Revision 5', { exact: true }).check();
    await page.getByRole('button', { name: 'Compare revisions 1 and 5' }).click();
    const diff = page.getByTestId('diff');
    await diff.waitFor();
    expect(await diff.locator('del').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('La Casa')]));
    expect((await diff.locator('ins').allTextContents()).join(' ')).toContain('White House');
    await shoot(page, '04-history-diff');

    await page.locator('li[data-revision="1"]').getByRole('button', { name: 'Restore this version' }).click();
    await page.getByRole('textbox', { name: 'Reason', exact: true }).fill('Back to the wire copy');
    await page.getByRole('button', { name: 'Restore', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Revision 1 restored as revision 6' }).waitFor();
    expect(await page.locator('[data-testid="timeline"] > li').first().getAttribute('data-revision')).toBe('6');

    // "View as of" a time: a minute from now on the browser's clock is the latest revision, read-only.
    const inAMinute = await page.evaluate(() => {
      const at = new Date(Date.now() + 60_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
    });
    await page.getByLabel('View the story as it was at').fill(inAMinute);
    await page.getByRole('button', { name: 'View', exact: true }).click();
    await page.locator('.banner').filter({ hasText: '(revision 6)' }).waitFor();
    expect(page.url()).toContain('?asOf=');
    expect(await page.getByRole('button', { name: 'Publish' }).count()).toBe(0);
    await context.close();
  });

  it('merges a change made on an older revision elsewhere, and tells who changed the same paragraph (412)', async () => {
    const first = await signedIn('editor', `#/stories/${storyId}`);
    await first.page.getByTestId('revision').filter({ hasText: 'revision 6' }).waitFor();

    const second = await signedIn('editor', `#/stories/${storyId}`);
    await second.page.getByRole('button', { name: 'Add category' }).click();
    await second.page.getByRole('textbox', { name: 'Category', exact: true }).fill('Europe');
    await second.page.getByRole('button', { name: 'Save' }).click();
    await notice(second.page).filter({ hasText: 'revision 7' }).waitFor();

    // The first still shows revision 6; its correction touches another part of the story: merged.
    await select(first.page, 'four hours');
    await first.page.getByRole('button', { name: 'Correct this' }).click();
    await first.page.getByLabel('Replace with').fill('four and a half hours');
    await first.page.getByLabel('Reason (kept in the history)').fill('Timing confirmed');
    await first.page.getByRole('button', { name: 'Save correction' }).click();
    const merged = await notice(first.page).filter({ hasText: 'merged' }).textContent();
    expect(merged).toContain('Saved as revision 8, merged');
    expect(merged).toContain('since revision 6');
    await shoot(first.page, '05-story-merged');

    // The second still shows revision 7, and corrects the paragraph the first just changed: refused.
    await select(second.page, 'Geneva, Switzerland');
    await second.page.getByRole('button', { name: 'Correct this' }).click();
    await second.page.getByLabel('Replace with').fill('Geneva');
    await second.page.getByLabel('Reason (kept in the history)').fill('Shorter');
    await second.page.getByRole('button', { name: 'Save correction' }).click();
    const alert = second.page.getByRole('alert');
    await alert.filter({ hasText: 'was not saved' }).waitFor();
    const text = await alert.textContent();
    expect(text).toContain('Local editor changed this paragraph');
    expect(text).toContain('revision 8: Text corrected: “four hours” → “four and a half hours”');
    expect(text).toContain('You were looking at revision 7; it is now at revision 8');
    await shoot(second.page, '05-story-412');
    await second.page.getByRole('button', { name: 'Reload the story' }).click();
    await second.page.getByTestId('revision').filter({ hasText: 'revision 8' }).waitFor();
    const paragraph = await second.page.locator('[data-block-id="b1"]').textContent();
    expect(paragraph).toContain('four and a half hours');
    expect(paragraph).toContain('Geneva, Switzerland');
    await first.context.close();
    await second.context.close();
  });

  it('shows a reporter no publish button', async () => {
    const { context, page } = await signedIn('reporter');
    await page.getByRole('button', { name: 'Import a story' }).click();
    await page.getByLabel('Story text').fill('Talks resume in Vienna\n\nNegotiators met again on Monday.');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('button', { name: 'Set headline' }).click();
    await page.getByRole('textbox', { name: 'Headline', exact: true }).fill('Talks resume in Vienna on Monday');
    await page.getByRole('textbox', { name: 'Reason', exact: true }).fill('Clearer headline');
    await page.getByRole('button', { name: 'Save' }).click();
    await notice(page).filter({ hasText: 'revision 2' }).waitFor();
    expect(await page.getByRole('button', { name: 'Publish' }).count()).toBe(0);
    await page.goto(`${desk}#/stories/${storyId}`);
    await page.getByTestId('revision').waitFor();
    expect(await page.getByRole('button', { name: 'Publish' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Set headline' }).count()).toBe(0);
    await context.close();
  });

  it('shows an auditor the audit verdict and no edit controls', async () => {
    const { context, page } = await signedIn('auditor');
    await shoot(page, '02-stories');
    // Headline search is the API's (?q=): case and accents do not matter, every word must appear.
    const titles = page.locator('.story-list > li > a');
    expect(await titles.count()).toBeGreaterThan(1);
    await page.getByLabel('Headline contains').fill('GENEVA pütin');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.story-list > li').length === 1);
    expect(await titles.allTextContents()).toEqual(['Biden and Putin end Geneva summit']);
    await page.getByLabel('Headline contains').fill('putin vienna');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No stories match.').waitFor();
    await page.goto(`${desk}#/stories/${storyId}`);
    await page.getByTestId('revision').waitFor();
    expect(await page.getByRole('toolbar').count()).toBe(0);
    await page.getByRole('link', { name: 'Audit' }).click();
    const verdict = page.getByTestId('verdict');
    await verdict.waitFor();
    // Revision 8 is the correction merged onto revision 7 (the 412 appended nothing).
    expect(await verdict.textContent()).toContain('Verified: the record of all 8 revisions is intact');
    await shoot(page, '06-audit');
    // On a phone every event's "Show" is inside the screen, and so is what it shows.
    await page.setViewportSize({ width: 390, height: 844 });
    const last = page.locator('.events tbody tr').last();
    await last.getByText('Show').click();
    for (const shown of [last.getByText('Show'), last.locator('pre')]) {
      const box = (await shown.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('link', { name: 'Corrections' }).click();
    await page.getByTestId('corrections').getByText('misnamed the White House').waitFor();
    await shoot(page, '07-corrections');
    await context.close();
  });
});
