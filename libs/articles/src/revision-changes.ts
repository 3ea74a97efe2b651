import { type ArticleContent, contentOf } from './article';
import { blockKey, categoryKey, changedFields, type ContentField } from './content';
import { ArticleError } from './errors';
import type { ArticleEvent, ArticleEventType, RecordedArticleEvent } from './events';

/** One revision seen as a change of the content: which fields it changed, and what they held before. */
export interface RevisionChange {
  revision: number;
  event: ArticleEvent;
  /** The content fields (see `ContentField`) the revision changed. */
  fields: ReadonlySet<ContentField>;
  /**
   * What those fields held just before it, for a field-by-field revert to put back; the other
   * fields are empty. Text edits leave it empty: their revert puts `found` back in place instead.
   */
  before: ArticleContent;
}

const NOTHING: ArticleContent = { headline: null, byline: null, dateline: null, blocks: [], categories: [] };

/**
 * The change a recorded event made, read from the event alone: every event carries what it
 * replaced, so a revert needs neither the article before it nor a fold of the stream.
 */
export function changeOf({ revision, event }: RecordedArticleEvent): RevisionChange {
  return { revision, event, fields: new Set(fieldsChangedBy(event)), before: { ...NOTHING, ...contentBefore(event) } };
}

/**
 * `changeOf(…).fields` alone, for a caller that needs no more (a projection writing which fields
 * each revision changed): a replay of the whole log calls it for every event.
 */
export function fieldsChangedBy(event: ArticleEvent): ContentField[] {
  switch (event.type) {
    case 'ArticleCreated':
      return [...changedFields(NOTHING, event.data)];
    case 'HeadlineChanged':
      return event.data.before === event.data.after ? [] : ['headline'];
    case 'AttributionFixed':
    case 'TextCorrected':
      return event.data.before === event.data.after ? [] : [blockKey({ id: event.data.blockId })];
    case 'CategoryAdded':
    case 'CategoryRemoved':
      return [categoryKey(event.data.category)];
    case 'ArticlePublished':
    case 'ArticleWithdrawn':
    case 'PassageRedacted':
      return [];
    case 'ArticleRestored':
    case 'ChangeReverted':
      return [...changedFields(event.data.before, event.data.content)];
    default:
      return unknownEvent(event);
  }
}

/** What the fields an event changed held before it; text edits and the rest leave it empty. */
function contentBefore(event: ArticleEvent): Partial<ArticleContent> {
  switch (event.type) {
    case 'HeadlineChanged':
      return { headline: event.data.before };
    case 'CategoryRemoved':
      return { categories: [{ ...event.data.category }] };
    case 'ArticleRestored':
    case 'ChangeReverted':
      return contentOf(event.data.before);
    default:
      return {};
  }
}

/**
 * The fields whose later changes a revert of `recorded` depends on: those it changed, or none
 * when it cannot be reverted at all (creation, publication, withdrawal, redaction), since its refusal then
 * depends on nothing later. A later event outside the reach neither conflicts with the revert nor
 * moves the text it puts back (a text edit records only edits that changed their block).
 */
export function revertReach(recorded: RecordedArticleEvent): ContentField[] {
  const { type } = recorded.event;
  if (!isRevertible(type)) return [];
  return [...changeOf(recorded).fields];
}

/** Creation, publication, withdrawal and redaction are facts of the story's life, not edits to undo. */
export function isRevertible(type: ArticleEventType): boolean {
  return type !== 'ArticleCreated' && type !== 'ArticlePublished' && type !== 'ArticleWithdrawn' && type !== 'PassageRedacted';
}

/** The refusal when later revisions touched what a revert would undo; names them for the editor. */
export function revertConflict(revision: number, conflictingRevisions: number[]): ArticleError {
  const names =
    conflictingRevisions.length === 1
      ? `revision ${conflictingRevisions[0]}`
      : `revisions ${conflictingRevisions.slice(0, -1).join(', ')} and ${conflictingRevisions[conflictingRevisions.length - 1]}`;
  return new ArticleError('RevertConflict', `Revision ${revision} cannot be reverted: later ${names} changed the same text`, {
    revision,
    conflictingRevisions,
  });
}

function unknownEvent(event: never): never {
  throw new Error(`Unknown article event ${JSON.stringify(event)}`);
}
