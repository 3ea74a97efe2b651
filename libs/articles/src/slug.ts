import { ArticleError } from './errors';

/** Letters NFKD cannot take apart into an ASCII base and a combining mark. */
const LETTER_FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};

/**
 * The category slug for a label: lower case ASCII, accents folded, every run of anything else
 * (spaces, dashes of every width, punctuation) one hyphen. `US–Russia Relations` → `us-russia-relations`.
 * Throws `InvalidCategory` when nothing is left (a label of only punctuation or non-Latin script).
 */
export function slugify(label: string): string {
  const slug = label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøđðłþı]/g, (letter) => LETTER_FOLDS[letter] ?? letter)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug === '') {
    throw new ArticleError('InvalidCategory', `The category label “${label}” has no letters or digits to make a slug from`);
  }
  return slug;
}
