import type { ArticleContent, Block, Category, NoticeKind } from './article';

/**
 * Every fact an article's stream can hold. A stored event type is never renamed or reshaped:
 * a new shape is a new schema version with an upcaster (see `upcast.ts`).
 */

export interface Notice {
  kind: NoticeKind;
  text: string;
}

export interface ArticleCreated {
  type: 'ArticleCreated';
  data: ArticleContent;
}

export interface HeadlineChanged {
  type: 'HeadlineChanged';
  data: { before: string | null; after: string };
}

/** A find-and-replace inside one block: enough to describe, diff and undo it alone. */
export interface TextEdit {
  blockId: string;
  /** The block's whole text before and after. */
  before: string;
  after: string;
  /** Where the matched text stood in `before` (UTF-16 offsets, end exclusive). */
  range: { start: number; end: number };
  /** The text that was replaced, exactly as it stood in the article. */
  found: string;
  /** The replacement, exactly as typed. */
  replacement: string;
  notice: Notice | null;
}

export interface AttributionFixed {
  type: 'AttributionFixed';
  data: TextEdit;
}

export interface TextCorrected {
  type: 'TextCorrected';
  data: TextEdit;
}

export interface CategoryAdded {
  type: 'CategoryAdded';
  data: { category: Category };
}

export interface CategoryRemoved {
  type: 'CategoryRemoved';
  data: { category: Category };
}

export interface ArticlePublished {
  type: 'ArticlePublished';
  data: Record<string, never>;
}

export interface ArticleWithdrawn {
  type: 'ArticleWithdrawn';
  data: Record<string, never>;
}

/** The content was made equal to that at `revision`; `content` is the result, `before` what it replaced. */
export interface ArticleRestored {
  type: 'ArticleRestored';
  data: { revision: number; before: ArticleContent; content: ArticleContent };
}

/** The change made at `revision` was undone; `content` is the result, `before` what it replaced. */
export interface ChangeReverted {
  type: 'ChangeReverted';
  data: { revision: number; revertedType: ArticleEventType; before: ArticleContent; content: ArticleContent };
}

/**
 * A passage was redacted, on a legal authority, from the earlier events listed: they were
 * rewritten in the log with `[redacted]` in its place, in the same transaction as this event was
 * appended. It changes no content by itself (the rewritten events already read redacted), holds
 * never the passage itself, and is final: it cannot be restored to, reverted or redacted.
 */
export interface PassageRedacted {
  type: 'PassageRedacted';
  data: { authority: string; redactedRevisions: number[] };
}

export type ArticleEvent =
  | ArticleCreated
  | HeadlineChanged
  | AttributionFixed
  | TextCorrected
  | CategoryAdded
  | CategoryRemoved
  | ArticlePublished
  | ArticleWithdrawn
  | ArticleRestored
  | ChangeReverted
  | PassageRedacted;

export type ArticleEventType = ArticleEvent['type'];

export const ARTICLE_EVENT_TYPES: readonly ArticleEventType[] = [
  'ArticleCreated',
  'HeadlineChanged',
  'AttributionFixed',
  'TextCorrected',
  'CategoryAdded',
  'CategoryRemoved',
  'ArticlePublished',
  'ArticleWithdrawn',
  'ArticleRestored',
  'ChangeReverted',
  'PassageRedacted',
];

/** An event as it stands in the stream: the fact plus when and at which revision. */
export interface RecordedArticleEvent {
  revision: number;
  /** ISO 8601 UTC. */
  recordedAt: string;
  event: ArticleEvent;
}

export type { Block };
