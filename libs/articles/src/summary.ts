import type { NoticeKind } from './article';
import type { ArticleEvent, ArticleEventType, TextEdit } from './events';

/** How each event type reads in a revision list. */
export const EVENT_LABELS: Record<ArticleEventType, string> = {
  ArticleCreated: 'Article created',
  HeadlineChanged: 'Headline changed',
  AttributionFixed: 'Attribution fixed',
  TextCorrected: 'Text corrected',
  CategoryAdded: 'Category added',
  CategoryRemoved: 'Category removed',
  ArticlePublished: 'Published',
  ArticleWithdrawn: 'Withdrawn',
  ArticleRestored: 'Restored',
  ChangeReverted: 'Reverted',
  PassageRedacted: 'Passage redacted',
};

const NOTICE_LABELS: Record<NoticeKind, string> = {
  correction: 'a correction notice',
  clarification: 'a clarification',
  'editors-note': 'an editor’s note',
  update: 'an update',
};

/** Long fragments are cut so a summary stays one line in a revision list. */
const MAX_QUOTED = 80;

/** One human line describing an event, e.g. `Attribution fixed: “A” → “B”`. */
export function summarize(event: ArticleEvent): string {
  switch (event.type) {
    case 'ArticleCreated': {
      const count = event.data.blocks.length;
      return `Article created (${count} block${count === 1 ? '' : 's'})`;
    }
    case 'HeadlineChanged':
      return `Headline changed to ${quote(event.data.after)}`;
    case 'AttributionFixed':
    case 'TextCorrected':
      return `${EVENT_LABELS[event.type]}: ${describeEdit(event.data)}`;
    case 'CategoryAdded':
    case 'CategoryRemoved':
      return `${EVENT_LABELS[event.type]}: ${event.data.category.label}`;
    case 'ArticlePublished':
    case 'ArticleWithdrawn':
      return EVENT_LABELS[event.type];
    case 'ArticleRestored':
      return `Restored to revision ${event.data.revision}`;
    case 'ChangeReverted':
      return `Reverted revision ${event.data.revision} (${EVENT_LABELS[event.data.revertedType]})`;
    case 'PassageRedacted':
      return `Passage redacted from ${revisionList(event.data.redactedRevisions)} (authority: ${quote(event.data.authority)})`;
    default:
      return unknownEvent(event);
  }
}

function describeEdit(edit: TextEdit): string {
  const change = `${quote(edit.found)} → ${quote(edit.replacement)}`;
  return edit.notice === null ? change : `${change}, with ${NOTICE_LABELS[edit.notice.kind]}`;
}

/** "revision 3", "revisions 1, 3 and 5". */
function revisionList(revisions: readonly number[]): string {
  if (revisions.length === 1) return `revision ${revisions[0]}`;
  return `revisions ${revisions.slice(0, -1).join(', ')} and ${revisions[revisions.length - 1]}`;
}

function quote(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  // No more UTF-16 units than the limit means no more code points either.
  if (oneLine.length <= MAX_QUOTED) return `“${oneLine}”`;
  // Cut by code point, never inside a surrogate pair: half an emoji is not storable text. Only
  // the first code points are visited: a rebuild quotes every paragraph it ever corrected.
  let units = 0;
  let points = 0;
  let cut = 0;
  for (const point of oneLine) {
    points += 1;
    if (points === MAX_QUOTED) cut = units;
    if (points > MAX_QUOTED) return `“${oneLine.slice(0, cut)}…”`;
    units += point.length;
  }
  return `“${oneLine}”`;
}

function unknownEvent(event: never): never {
  throw new Error(`Unknown article event ${JSON.stringify(event)}`);
}
