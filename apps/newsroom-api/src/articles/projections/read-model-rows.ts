import { type Article, changeOf, evolve, type RecordedArticleEvent, summarize } from '@newsroom/articles';
import type { RecordedEvent } from '@newsroom/event-store';

/** Every SNAPSHOT_EVERY revisions the whole article is kept, so any past state is one short fold away. */
export const SNAPSHOT_EVERY = 20;

export interface ArticleRow {
  id: string;
  revision: number;
  status: string;
  category_slugs: string[];
  updated_at: string;
  document: Article;
}

export interface RevisionRow {
  article_id: string;
  revision: number;
  type: string;
  actor: string;
  actor_name: string | null;
  reason: string | null;
  recorded_at: string;
  summary: string;
  position: number;
  correlation_id: string | null;
  snapshot: Article | null;
}

export interface CorrectionRow {
  article_id: string;
  revision: number;
  headline: string | null;
  kind: string;
  text: string;
  recorded_at: string;
  position: number;
}

/**
 * One content field (`changeOf(…).fields`: headline, block:<id>, category:<slug>, …) that a
 * revision changed: a revert looks up the later revisions that changed what it undoes here.
 */
export interface FieldChangeRow {
  article_id: string;
  field: string;
  revision: number;
}

export interface ReadModelRows {
  articles: ArticleRow[];
  revisions: RevisionRow[];
  fieldChanges: FieldChangeRow[];
  corrections: CorrectionRow[];
}

export function emptyRows(): ReadModelRows {
  return { articles: [], revisions: [], fieldChanges: [], corrections: [] };
}

/**
 * The rows some events of one article produce, given the article before them. Pure: the live
 * projection and the rebuild use the same function, so they cannot disagree.
 */
export function rowsFor(before: Article, events: RecordedArticleEvent[], raw: RecordedEvent[], into = emptyRows()): Article {
  let article = before;
  events.forEach((recorded, index) => {
    article = evolve(article, recorded);
    eventRows(article, recorded, raw[index], into);
  });
  into.articles.push(articleRow(article));
  return article;
}

/**
 * The revision row of one event, the fields it changed and, when it published a notice, its feed
 * entry, given the article the event made. For a caller that has folded the event already (a
 * command has).
 */
export function eventRows(after: Article, recorded: RecordedArticleEvent, raw: RecordedEvent, into: ReadModelRows): void {
  const meta = raw.metadata;
  const snapshot = recorded.revision === 1 || recorded.revision % SNAPSHOT_EVERY === 0 ? after : null;
  into.revisions.push({
    article_id: after.id,
    revision: recorded.revision,
    type: recorded.event.type,
    actor: String(meta.actor ?? 'unknown'),
    actor_name: typeof meta.actorName === 'string' ? meta.actorName : null,
    reason: meta.reason ?? null,
    recorded_at: recorded.recordedAt,
    summary: summarize(recorded.event),
    position: raw.position,
    correlation_id: typeof meta.correlationId === 'string' ? meta.correlationId : null,
    snapshot,
  });
  for (const field of changeOf(recorded).fields) {
    into.fieldChanges.push({ article_id: after.id, field, revision: recorded.revision });
  }
  const correction = correctionRow(after, recorded.revision, raw.position);
  if (correction) into.corrections.push(correction);
}

/** The feed entry of the notice published at `revision`, if that revision published one. */
export function correctionRow(article: Article, revision: number, position: number): CorrectionRow | undefined {
  const notice = article.corrections.at(-1);
  if (!notice || notice.revision !== revision) return undefined;
  return {
    article_id: article.id,
    revision,
    headline: article.headline,
    kind: notice.kind,
    text: notice.text,
    recorded_at: notice.recordedAt,
    position,
  };
}

export function articleRow(article: Article): ArticleRow {
  return {
    id: article.id,
    revision: article.revision,
    status: article.status,
    category_slugs: article.categories.map((category) => category.slug),
    updated_at: article.updatedAt ?? new Date(0).toISOString(),
    document: article,
  };
}
