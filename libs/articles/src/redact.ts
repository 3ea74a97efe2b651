import type { Article } from './article';
import { ArticleError } from './errors';
import type { ArticleEvent, PassageRedacted, RecordedArticleEvent } from './events';
import { redactEvent, redactText, REDACTION_MARKER } from './redact-passage';

/**
 * A legal redaction: a passage to take out of the article's every revision. It is named by its
 * text (which may stand only in older revisions: a name corrected away earlier), or by where it
 * stands in the current article, a block and a range of its text (UTF-16 offsets, end exclusive).
 */
export interface RedactPassage {
  type: 'RedactPassage';
  text?: string;
  blockId?: string;
  range?: { start: number; end: number };
  /** The court order, settlement or decision that requires it: kept in the log for the audit. */
  authority: string;
  reason: string;
}

/** A stored event of the stream with the one free text its metadata holds: the reason given. */
export interface LoggedArticleEvent {
  recorded: RecordedArticleEvent;
  reason: string | null;
}

/** An earlier event as the redaction leaves it. */
export interface RedactedEvent {
  revision: number;
  event: ArticleEvent;
  reason: string | null;
}

export interface Redaction {
  /** What was taken out; never stored anywhere. */
  passage: string;
  /** The earlier events that held it, rewritten, in revision order. */
  rewrites: RedactedEvent[];
  /** The event to append: it names the rewritten revisions, never the passage. */
  event: PassageRedacted;
}

/**
 * Decides a redaction on the article now and its whole stream (with each event's reason). Refused
 * when the passage is blank or part of the marker, stands in no event, appears in the reason or
 * authority given (the record would keep it), or in an earlier redaction, which is final.
 */
export function decideRedaction(command: RedactPassage, state: Article, stream: readonly LoggedArticleEvent[]): Redaction {
  if (state.revision === 0) throw new ArticleError('ArticleNotFound', `Article ${state.id} does not exist`);
  const passage = passageOf(command, state);
  for (const [field, text] of [
    ['reason', command.reason],
    ['authority', command.authority],
  ] as const) {
    if (holds(text, passage)) {
      throw new ArticleError('PassageInRedaction', `The ${field} repeats the passage to redact: the log would keep it`, {
        field,
      });
    }
  }
  const rewrites: RedactedEvent[] = [];
  for (const { recorded, reason } of stream) {
    const { event, revision } = recorded;
    if (event.type === 'PassageRedacted') {
      if (holds(event.data.authority, passage) || holds(reason, passage)) {
        throw new ArticleError('PassageInRedaction', `The redaction at revision ${revision} names the passage, and is final`, {
          revision,
        });
      }
      continue;
    }
    const redacted = redactEvent(event, passage);
    const redactedReason = reason === null ? null : redactText(reason, passage).text;
    if (redacted || redactedReason !== reason) rewrites.push({ revision, event: redacted ?? event, reason: redactedReason });
  }
  if (rewrites.length === 0) {
    throw new ArticleError('PassageNotFound', `“${passage}” occurs in no revision of the article`);
  }
  const event: PassageRedacted = {
    type: 'PassageRedacted',
    data: { authority: command.authority.trim(), redactedRevisions: rewrites.map((rewrite) => rewrite.revision) },
  };
  return { passage, rewrites, event };
}

function passageOf(command: RedactPassage, state: Article): string {
  if (command.text !== undefined && (command.blockId !== undefined || command.range !== undefined)) {
    throw new ArticleError('InvalidPassage', 'Name the passage by its text or by a block and a range, not both');
  }
  const passage = command.text ?? rangeText(command, state);
  if (passage.trim() === '' || REDACTION_MARKER.includes(passage)) {
    throw new ArticleError('InvalidPassage', 'The passage to redact is blank, or part of the redaction marker');
  }
  return passage;
}

function rangeText({ blockId, range }: RedactPassage, state: Article): string {
  if (blockId === undefined || range === undefined) {
    throw new ArticleError('InvalidPassage', 'Name the passage by its text, or by a block and a range of its text');
  }
  const block = state.blocks.find((candidate) => candidate.id === blockId);
  if (!block) throw new ArticleError('BlockNotFound', `The article has no block ${blockId}`, { blockId });
  const { start, end } = range;
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start < end && end <= block.text.length)) {
    throw new ArticleError(
      'InvalidPassage',
      `The range ${start}–${end} is not a passage of block ${blockId} (0–${block.text.length})`,
      {
        blockId,
        length: block.text.length,
      },
    );
  }
  return block.text.slice(start, end);
}

function holds(text: string | null, passage: string): boolean {
  return text !== null && redactText(text, passage).cuts.length > 0;
}
