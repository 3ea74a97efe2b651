import type { Block } from '@newsroom/articles';

/**
 * The article's blocks as the exports carry them: plain text as the story was imported (blocks
 * separated by a blank line) and an HTML fragment, each paragraph a `<p>`, each subheading an `<h2>`.
 */
export function bodyText(blocks: readonly Block[]): string {
  return blocks.map((block) => block.text).join('\n\n');
}

export function bodyHtml(blocks: readonly Block[]): string {
  return blocks
    .map((block) => (block.type === 'subheading' ? `<h2>${escapeHtml(block.text)}</h2>` : `<p>${escapeHtml(block.text)}</p>`))
    .join('\n');
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe in an HTML text node or a quoted attribute: the five characters HTML gives meaning to. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]);
}
