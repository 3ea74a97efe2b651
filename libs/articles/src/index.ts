export * from './article';
export * from './events';
export * from './commands';
export * from './errors';
export { decide, type DecisionContext } from './decide';
export { pastIn, pastNeededBy, type ArticlePast, type PastNeeded, type RevertPast } from './past';
export { changeOf, fieldsChangedBy, isRevertible, revertReach, type RevisionChange } from './revision-changes';
export { decideStale, mergesWhenStale, revisionsTouching, type MergeableCommand, type StaleVerdict } from './stale-edit';
export type { ContentField } from './content';
export { evolve, fold } from './evolve';
export { importText, type ImportedText, type ImportOptions } from './import-text';
export { slugify } from './slug';
export { findMatches, type TextMatch } from './find-text';
export { summarize } from './summary';
export { upcast, ARTICLE_SCHEMA_VERSION } from './upcast';
export {
  redactArticle,
  redactEvent,
  redactStrings,
  redactText,
  movedOffset,
  REDACTION_MARKER,
  type RedactedText,
} from './redact-passage';
export { decideRedaction, type LoggedArticleEvent, type RedactedEvent, type RedactPassage, type Redaction } from './redact';
