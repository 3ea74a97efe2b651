import { type Article, evolve, fieldsChangedBy, type RecordedArticleEvent, summarize } from '@newsroom/articles';
import type { RecordedEvent } from '@newsroom/event-store';
import { type ArticleDocument, splitArticle } from './article-document';

/** Every SNAPSHOT_EVERY revisions the whole article is kept, so any past state is one short fold away. */
export const SNAPSHOT_EVERY = 20;

export interface ArticleRow {
  id: string;
  revision: number;
  status: string;
  updated_at: string;
  /** The article but its blocks, which have a column of their own (article-document.ts). */
  document: ArticleDocument;
  blocks: Article['blocks'];
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
 * One content field (`fieldsChangedBy`: headline, block:<id>, category:<slug>, …) that a
 * revision changed: a revert looks up the later revisions that changed what it undoes here.
 */
export interface FieldChangeRow {
  article_id: string;
  field: string;
  revision: number;
}

/**
 * What the listing filters an article by besides status and time: its headline and category
 * slugs, as of `revision`, the last revision that wrote them. Kept apart from the article's row,
 * which every command rewrites, and written only when one of them changes (see ArticleTerms1796300000000).
 */
export interface TermsRow {
  article_id: string;
  revision: number;
  headline: string | null;
  category_slugs: string[];
}

/** What the rows take from the stored event besides the article event: its metadata and position. */
export type LoggedEvent = Pick<RecordedEvent, 'metadata' | 'position'>;

export interface ReadModelRows {
  articles: ArticleRow[];
  terms: TermsRow[];
  revisions: RevisionRow[];
  fieldChanges: FieldChangeRow[];
  corrections: CorrectionRow[];
}

export function emptyRows(): ReadModelRows {
  return { articles: [], terms: [], revisions: [], fieldChanges: [], corrections: [] };
}

/**
 * Where the fold puts rows, table by table: arrays (ReadModelRows), or a sink that writes each
 * row away as it comes, as the rebuild's COPY does, so that no row outlives its event.
 */
export type RowSink = { [Table in keyof ReadModelRows]: { push(row: ReadModelRows[Table][number]): unknown } };

/**
 * The rows some events of one article produce, given the article before them. Pure: the live
 * projection and the rebuild use the same fold (ArticleRows), so they cannot disagree.
 */
export function rowsFor(
  before: Article,
  events: RecordedArticleEvent[],
  raw: readonly LoggedEvent[],
  into = emptyRows(),
): Article {
  const rows = new ArticleRows(before);
  events.forEach((recorded, index) => rows.add(recorded, raw[index], into));
  rows.close(into);
  return rows.article;
}

/**
 * One article's fold, an event at a time: each event's revision row, field changes and feed
 * entry as soon as it is folded; the article's row, and its terms if any event wrote them,
 * when `close` says its events have ended.
 */
export class ArticleRows {
  /** The article as of the last revision that wrote its terms, if one did. */
  private termsAt?: Article;

  constructor(private current: Article) {}

  /** The article as the events so far left it. */
  get article(): Article {
    return this.current;
  }

  add(recorded: RecordedArticleEvent, raw: LoggedEvent, into: RowSink): void {
    this.current = evolve(this.current, recorded);
    if (eventRows(this.current, recorded, raw, into)) this.termsAt = this.current;
  }

  close(into: RowSink): void {
    into.articles.push(articleRow(this.current));
    // As the live projection does: terms only from the last revision that wrote them, if any did.
    if (this.termsAt) into.terms.push(termsRow(this.termsAt));
  }
}

/**
 * The revision row of one event, the fields it changed and, when it published a notice, its feed
 * entry, given the article the event made. For a caller that has folded the event already (a
 * command has). Answers whether the event writes the article's terms (writesTerms).
 */
export function eventRows(after: Article, recorded: RecordedArticleEvent, raw: LoggedEvent, into: RowSink): boolean {
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
  const fields = fieldsChangedBy(recorded.event);
  for (const field of fields) {
    into.fieldChanges.push({ article_id: after.id, field, revision: recorded.revision });
  }
  const correction = correctionRow(after, recorded.revision, raw.position);
  if (correction) into.corrections.push(correction);
  return writesTerms(recorded.revision, fields);
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
    updated_at: article.updatedAt ?? new Date(0).toISOString(),
    ...splitArticle(article),
  };
}

export function termsRow(article: Article): TermsRow {
  return {
    article_id: article.id,
    revision: article.revision,
    headline: article.headline,
    category_slugs: article.categories.map((category) => category.slug),
  };
}

/** Whether a revision writes the article's terms: it created the article, or changed its headline or a category. */
export function writesTerms(revision: number, fields: Iterable<string>): boolean {
  if (revision === 1) return true;
  for (const field of fields) if (field === 'headline' || field.startsWith('category:')) return true;
  return false;
}
