import type { Block } from './article';
import type { CategoryInput } from './commands';

/** What a story typed or pasted as plain text holds, before any rule about articles is applied. */
export interface ImportedText {
  /** The first line, when it reads as a title and the caller gave no headline of its own. */
  headline: string | null;
  blocks: Block[];
  /** From a closing `Categorized in: A, B` line, in the order written. */
  categories: CategoryInput[];
}

export interface ImportOptions {
  /** When the caller brings its own headline, a title-like first line stays in the body. */
  headlineGiven: boolean;
}

/**
 * A line "closes" when it ends in sentence punctuation (`. ! ? … : ;`, and their full-width forms),
 * possibly followed by closing quotes or brackets (`.”`, `?’`, `.)`). A one-line block that does not
 * close reads as a title. A colon inside the line does not count, only at its end.
 */
const CLOSING = /[.!?…:;。！？：；]["'”’»›)\]}]*$/u;
const TRAILER = /^categorized in:(.*)$/iu;

/**
 * Splits a story on blank lines (lines of only whitespace count as blank; `\r\n` and `\r` are
 * accepted) into blocks `b1`, `b2`, …. Each block is trimmed; the lines inside a block are kept as
 * given and joined with `\n`, so the text itself is never touched.
 */
export function importText(text: string, options: ImportOptions = { headlineGiven: false }): ImportedText {
  const chunks = splitOnBlankLines(text);
  const categories = takeTrailer(chunks);
  let headline: string | null = null;
  if (!options.headlineGiven && chunks.length > 1 && readsAsTitle(chunks[0])) {
    headline = chunks.shift() ?? null;
  }
  const blocks = chunks.map((chunk, index): Block => ({
    id: `b${index + 1}`,
    type: readsAsTitle(chunk) && index < chunks.length - 1 ? 'subheading' : 'paragraph',
    text: chunk,
  }));
  return { headline, blocks, categories };
}

function splitOnBlankLines(text: string): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.trim() !== '') {
      current.push(line);
    } else if (current.length > 0) {
      chunks.push(current.join('\n').trim());
      current = [];
    }
  }
  if (current.length > 0) chunks.push(current.join('\n').trim());
  return chunks;
}

/** Removes a closing `Categorized in:` block from `chunks` and returns its labels. */
function takeTrailer(chunks: string[]): CategoryInput[] {
  const last = chunks[chunks.length - 1];
  const match = last === undefined || last.includes('\n') ? null : TRAILER.exec(last);
  if (!match) return [];
  chunks.pop();
  return match[1]
    .split(',')
    .map((label) => label.trim())
    .filter((label) => label !== '')
    .map((label) => ({ label }));
}

function readsAsTitle(chunk: string): boolean {
  return !chunk.includes('\n') && !CLOSING.test(chunk);
}
