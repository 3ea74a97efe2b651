import type { Browser, BrowserContext, Page } from 'playwright-core';

export type DeskRole = 'editor' | 'reporter' | 'auditor';

/**
 * A fresh browser context signed in to the desk at `desk` (its /desk/ URL) with the embedded
 * default's one-click sign-in, on the Stories screen or then at `path` (a `#/…` route).
 */
export async function signedIn(
  browser: Browser,
  desk: string,
  role: DeskRole,
  path = '',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(desk);
  await page.getByRole('button', { name: `Sign in as ${role}` }).click();
  await page.getByRole('heading', { level: 1, name: 'Stories' }).waitFor();
  if (path) await page.goto(`${desk}${path}`);
  return { context, page };
}
