/// <reference lib="dom" />
import type { Page } from 'playwright-core';

/** Selects `text` inside the story's paragraph that holds it, as a mouse drag would. */
export async function select(page: Page, text: string): Promise<void> {
  await page.evaluate((wanted) => {
    const block = [...document.querySelectorAll('[data-block-id]')].find((el) => el.textContent?.includes(wanted));
    const node = block?.firstChild;
    if (!node?.textContent) throw new Error(`not in the story: ${wanted}`);
    const start = node.textContent.indexOf(wanted);
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, start + wanted.length);
    const selection = document.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  }, text);
  await page.getByTestId('selection').filter({ hasText: text }).waitFor();
}

/** The confirmation a saved command shows. */
export const savedNotice = (page: Page) => page.getByRole('status').filter({ hasText: 'Saved as revision' });
