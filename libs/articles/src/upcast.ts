import { ARTICLE_EVENT_TYPES, type ArticleEvent, type ArticleEventType } from './events';

/** The schema version every article event is written with today. */
export const ARTICLE_SCHEMA_VERSION = 1;

/** Turns the data of one schema version into the next (`from` → `from + 1`). */
type Upcaster = (data: unknown) => unknown;

/**
 * Per event type, the step out of each old version. A missing step means the shape did not change
 * in that version, so a new version for one type needs no entries for the others. Empty while
 * every type is still at version 1.
 */
const UPCASTERS: Record<ArticleEventType, Partial<Record<number, Upcaster>>> = {
  ArticleCreated: {},
  HeadlineChanged: {},
  AttributionFixed: {},
  TextCorrected: {},
  CategoryAdded: {},
  CategoryRemoved: {},
  ArticlePublished: {},
  ArticleWithdrawn: {},
  ArticleRestored: {},
  ChangeReverted: {},
  PassageRedacted: {},
};

/**
 * A stored event, whatever version it was written with, in today's shape: stored events are
 * facts and are never rewritten, so reading is where old shapes are brought up to date.
 * Throws a plain `Error` for an unknown type or a version this code does not know (newer code wrote it).
 */
export function upcast(type: string, data: unknown, schemaVersion: number): ArticleEvent {
  if (!isEventType(type)) throw new Error(`Unknown article event type ${JSON.stringify(type)}`);
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > ARTICLE_SCHEMA_VERSION) {
    throw new Error(`${type} schema version ${schemaVersion} is not one of 1 to ${ARTICLE_SCHEMA_VERSION}`);
  }
  if (typeof data !== 'object' || data === null) throw new Error(`${type} data is not an object`);
  let current: unknown = data;
  for (let version = schemaVersion; version < ARTICLE_SCHEMA_VERSION; version++) {
    current = UPCASTERS[type][version]?.(current) ?? current;
  }
  return { type, data: current } as ArticleEvent;
}

function isEventType(type: string): type is ArticleEventType {
  return (ARTICLE_EVENT_TYPES as readonly string[]).includes(type);
}
