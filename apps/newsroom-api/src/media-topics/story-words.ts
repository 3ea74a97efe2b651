import { contentWordsOf, SHARED_START, sameWord, singular } from './topic-words';

/**
 * The words of one story, counted, for matching against topics: each content word in its
 * singular form, with the form the story first used it in (shown as the reason for a suggestion).
 */
export class StoryWords {
  private readonly counts = new Map<string, number>();
  private readonly written = new Map<string, string>();
  /** Words long enough to match by their start, by their first SHARED_START letters. */
  private readonly byStart = new Map<string, string[]>();

  constructor(text: string) {
    for (const word of contentWordsOf(text)) {
      const form = singular(word);
      const count = this.counts.get(form) ?? 0;
      this.counts.set(form, count + 1);
      if (count > 0) continue;
      this.written.set(form, word);
      if (form.length >= SHARED_START) {
        const start = form.slice(0, SHARED_START);
        this.byStart.set(start, [...(this.byStart.get(start) ?? []), form]);
      }
    }
  }

  /** The story's words that are forms of this (singular) word. */
  matching(word: string): string[] {
    if (word.length < SHARED_START) return this.counts.has(word) ? [word] : [];
    return (this.byStart.get(word.slice(0, SHARED_START)) ?? []).filter((form) => sameWord(form, word));
  }

  /** How many times the story uses these words, together. */
  timesUsed(forms: readonly string[]): number {
    return forms.reduce((sum, form) => sum + (this.counts.get(form) ?? 0), 0);
  }

  /** The word as the story wrote it (folded), e.g. `diplomatic` for the form `diplomatic`, `attacks` for `attack`. */
  asWritten(form: string): string {
    return this.written.get(form) ?? form;
  }
}
