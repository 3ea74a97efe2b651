import { STOP_WORDS } from './stop-words';

/** Letters NFKD cannot take apart into an ASCII base and a combining mark (as the category slug folds them). */
const LETTER_FOLDS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i' };

/** Lower case without accents: `Genève` and `GENEVE` are the same to a look-up. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøđðłþı]/g, (letter) => LETTER_FOLDS[letter] ?? letter);
}

/** Every word of a text, folded, in order: runs of letters and digits (an apostrophe ends a word). */
export function wordsOf(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The words that can say what a text is about: three letters or more, not only digits, not a stop word. */
export function contentWordsOf(text: string): string[] {
  return wordsOf(text).filter((word) => [...word].length >= 3 && /\p{L}/u.test(word) && !STOP_WORDS.has(word));
}

/**
 * A word without its plural ending (`attacks` → `attack`, `policies` → `policy`,
 * `discusses` → `discuss`); `press`, `census` and `crisis` stay whole.
 */
export function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** How many letters two words share from their start before they differ. */
export const SHARED_START = 7;
/** How many letters each may have after the shared start and still be one word. */
export const ENDING_AT_MOST = 3;

/**
 * Whether two singular words are forms of one word: equal, or sharing their first seven letters
 * with at most three more letters each (`diplomatic` and `diplomacy`, `government` and
 * `governmental`, but not `internet` and `international`). A crude stemmer, chosen because it
 * can be explained in one sentence next to a suggestion.
 */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < SHARED_START || b.length < SHARED_START) return false;
  let shared = 0;
  while (shared < a.length && shared < b.length && a[shared] === b[shared]) shared++;
  return shared >= SHARED_START && a.length - shared <= ENDING_AT_MOST && b.length - shared <= ENDING_AT_MOST;
}
