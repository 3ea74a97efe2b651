import type { Article, ArticleContent, Category } from './article';
import type { ArticleEvent, TextEdit } from './events';
// Straight and typographic quotes are equal, as in find-and-replace: offsets stay the same.
import { foldQuotes } from './find-text';

/** What a redacted passage reads as, everywhere it stood. */
export const REDACTION_MARKER = '[redacted]';

/** A text with every occurrence of a passage replaced by the marker, and where its offsets went. */
export interface RedactedText {
  text: string;
  /** The occurrences' [start, end) in the original text, in order. */
  cuts: Array<[number, number]>;
}

export function redactText(text: string, passage: string): RedactedText {
  const needle = foldQuotes(passage);
  const haystack = foldQuotes(text);
  const cuts: Array<[number, number]> = [];
  if (needle === '') return { text, cuts };
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
    cuts.push([at, at + needle.length]);
  }
  let result = '';
  let from = 0;
  for (const [start, end] of cuts) {
    result += text.slice(from, start) + REDACTION_MARKER;
    from = end;
  }
  return { text: result + text.slice(from), cuts };
}

/**
 * Where an offset of the original text stands in the redacted one. An offset inside a cut
 * moves to the cut's start (`edge` 'start') or past its marker ('end'), so that a range that
 * overlapped the passage covers the whole marker instead of half a name.
 */
export function movedOffset(offset: number, cuts: RedactedText['cuts'], edge: 'start' | 'end'): number {
  let moved = offset;
  for (const [start, end] of cuts) {
    if (offset >= end) moved += REDACTION_MARKER.length - (end - start);
    else if (offset > start) return moved - (offset - start) + (edge === 'start' ? 0 : REDACTION_MARKER.length);
  }
  return moved;
}

/** Every string inside a JSON value with the passage redacted: for data whose shape carries no offsets. */
export function redactStrings<T>(value: T, passage: string): T {
  if (typeof value === 'string') return redactText(value, passage).text as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactStrings(item, passage)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactStrings(item, passage)])) as T;
  }
  return value;
}

/**
 * A text edit with the passage redacted from its texts, its range moved to where the edited text
 * now stands in the redacted `before`, and `found` read again from there: the edit still
 * describes, diffs and undoes exactly what it did, with the marker in place of the passage.
 */
function redactEdit(edit: TextEdit, passage: string): TextEdit {
  const before = redactText(edit.before, passage);
  const range = {
    start: movedOffset(edit.range.start, before.cuts, 'start'),
    end: movedOffset(edit.range.end, before.cuts, 'end'),
  };
  return {
    ...edit,
    before: before.text,
    after: redactText(edit.after, passage).text,
    range,
    found: before.text.slice(range.start, range.end),
    replacement: redactText(edit.replacement, passage).text,
    notice: edit.notice === null ? null : { ...edit.notice, text: redactText(edit.notice.text, passage).text },
  };
}

/** The free text of a content: headline, byline, dateline, blocks' text, categories' labels. */
function redactContent(content: ArticleContent, passage: string): ArticleContent {
  const line = (text: string | null) => (text === null ? null : redactText(text, passage).text);
  return {
    ...content,
    headline: line(content.headline),
    byline: line(content.byline),
    dateline: line(content.dateline),
    blocks: content.blocks.map((block) => ({ ...block, text: redactText(block.text, passage).text })),
    categories: content.categories.map((category) => redactCategory(category, passage)),
  };
}

function redactCategory(category: Category, passage: string): Category {
  return { ...category, label: redactText(category.label, passage).text };
}

/** An article (a whole answer kept by an old idempotency record) with the passage redacted from its text. */
export function redactArticle(article: Article, passage: string): Article {
  return {
    ...article,
    ...redactContent(article, passage),
    corrections: article.corrections.map((notice) => ({ ...notice, text: redactText(notice.text, passage).text })),
  };
}

/**
 * The event with every occurrence of the passage redacted, or null when it holds none. Folding
 * the redacted stream gives the article with the marker wherever the passage stood. Only text
 * people wrote is redacted: ids, block types, slugs, codes, notice kinds and event types keep the
 * stream foldable whatever the passage (a passage "paragraph" or "b1" must not break it). A
 * redaction record is never redacted.
 */
export function redactEvent(event: ArticleEvent, passage: string): ArticleEvent | null {
  const redacted = redactedEvent(event, passage);
  return redacted === null || sameJson(redacted, event) ? null : redacted;
}

function redactedEvent(event: ArticleEvent, passage: string): ArticleEvent | null {
  const text = (value: string) => redactText(value, passage).text;
  switch (event.type) {
    case 'ArticleCreated':
      return { ...event, data: redactContent(event.data, passage) };
    case 'HeadlineChanged':
      return {
        ...event,
        data: { before: event.data.before === null ? null : text(event.data.before), after: text(event.data.after) },
      };
    case 'AttributionFixed':
    case 'TextCorrected':
      return { ...event, data: redactEdit(event.data, passage) };
    case 'CategoryAdded':
    case 'CategoryRemoved':
      return { ...event, data: { category: redactCategory(event.data.category, passage) } };
    case 'ArticlePublished':
    case 'ArticleWithdrawn':
      return event;
    case 'ArticleRestored':
      return {
        ...event,
        data: {
          ...event.data,
          before: redactContent(event.data.before, passage),
          content: redactContent(event.data.content, passage),
        },
      };
    case 'ChangeReverted':
      return {
        ...event,
        data: {
          ...event.data,
          before: redactContent(event.data.before, passage),
          content: redactContent(event.data.content, passage),
        },
      };
    case 'PassageRedacted':
      return null;
    default:
      return unknownEvent(event);
  }
}

function unknownEvent(event: never): never {
  throw new Error(`Unknown article event ${JSON.stringify(event)}`);
}

/** Equal as JSON values, whatever the order of keys: events read back from jsonb come in its own order. */
function sameJson(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const other = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  return (
    keys.length === other.length &&
    keys.every((key) => sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}
