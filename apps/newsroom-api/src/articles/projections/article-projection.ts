import { Injectable } from '@nestjs/common';
import type { AlongsideWrite } from '@newsroom/event-store';
import { writesBlocks } from './article-document';
import type { InlineProjection, ProjectedChange } from './inline-projection';
import {
  type ArticleRow,
  articleRow,
  emptyRows,
  eventRows,
  type FieldChangeRow,
  type RevisionRow,
  type TermsRow,
  termsRow,
} from './read-model-rows';
import { NEWER_ARTICLE_WINS, NEWER_TERMS_WIN } from './read-model-writer';

/**
 * The article's row once the append has written (`appended` has a row). Its columns go as
 * parameters of their own, so its document and blocks are parsed once. Written before the
 * revisions: the order in which a rebuild locks the tables (projection-lock.ts).
 */
const CREATE_ARTICLE = `
  INSERT INTO articles AS a (id, revision, status, updated_at, document, blocks)
  SELECT $1, $2, $3, $4, $5::jsonb, $6::jsonb FROM (SELECT FROM appended LIMIT 1) AS written
  ${NEWER_ARTICLE_WINS}`;

/**
 * After the first revision the row is there: a plain UPDATE, with the same rule that only a later
 * revision replaces it. An upsert would first lock the row it conflicts with, one more WAL record
 * and a speculative insertion per command. The blocks are NULL when the event left them alone:
 * the row keeps the value it has, which stored out of line is kept by reference (its TOAST
 * pointer), nothing of it written again (ArticleBlocks1796700000000).
 *
 * Each such UPDATE still writes one Heap/LOCK record (54 B) before its new row: PostgreSQL's
 * heap_update marks the old row locked while it releases the page to TOAST whenever the row holds
 * an out-of-line value, as the blocks do. Measured with pg_walinspect on a two-row table: the same
 * UPDATE writes LOCK + HOT_UPDATE when the row has an external value, HOT_UPDATE alone when not.
 * It is the price of keeping the blocks by reference, which saves ~1.7 kB per command that leaves
 * them alone.
 */
const UPDATE_ARTICLE = `
  UPDATE articles AS a SET revision = $2, status = $3, updated_at = $4, document = $5::jsonb,
    blocks = coalesce($6::jsonb, a.blocks)
  FROM (SELECT FROM appended LIMIT 1) AS written
  WHERE a.id = $1 AND a.revision < $2`;

/** The article's terms, when the revision created it. */
const CREATE_TERMS = `
  INSERT INTO article_terms AS t (article_id, revision, headline, category_slugs)
  SELECT $1, $2, $3, $4::text[] FROM (SELECT FROM appended LIMIT 1) AS written
  ${NEWER_TERMS_WIN}`;

/**
 * When a later revision changed its headline or a category: the row is there since the first
 * revision, so a plain UPDATE, as for the article's row. The upsert locked the row first (a WAL
 * record of ~58 B per such command) and tried a speculative insertion.
 */
const UPDATE_TERMS = `
  UPDATE article_terms AS t SET revision = $2, headline = $3, category_slugs = $4::text[]
  FROM (SELECT FROM appended LIMIT 1) AS written
  WHERE t.article_id = $1 AND t.revision < $2`;

/**
 * One revision's row, with the position and time the append gave its event. A plain INSERT: the
 * append has just created the revision (events are unique by stream and revision), so no row of
 * it can exist, and one that did would be a fault to fail on, not to skip. ON CONFLICT would cost
 * a speculative insertion, an index probe and one more WAL record per command.
 */
const WRITE_REVISION = `
  INSERT INTO article_revisions (article_id, revision, type, actor, actor_name, reason, recorded_at, summary, position, correlation_id, snapshot)
  SELECT $1, appended.revision, $3, $4, $9, $5, appended.recorded_at, $6, appended.position, $7, $8::jsonb
  FROM appended WHERE appended.revision = $2`;

/**
 * The content fields the revision changed, one row each, from one array parameter (a plain
 * INSERT, as for the revision). Written after the revision, in the order of the rebuild's lock
 * (projection-lock.ts).
 */
const WRITE_FIELD_CHANGES = `
  INSERT INTO article_field_changes (article_id, field, revision)
  SELECT $1, field, appended.revision FROM appended, unnest($3::text[]) AS field WHERE appended.revision = $2`;

/**
 * The current article, its revisions, the fields each changed and (when they changed) its terms, written by the command's append statement. The
 * corrections feed is left to its follower (CorrectionsFollower).
 */
@Injectable()
export class ArticleProjection implements InlineProjection {
  writesFor(change: ProjectedChange): AlongsideWrite[] {
    const rows = emptyRows();
    const writesTerms = eventRows(change.after, change.event, change.raw, rows);
    const fields = rows.fieldChanges.length === 0 ? [] : [fieldChangesWrite(rows.fieldChanges)];
    const terms = writesTerms ? [termsWrite(termsRow(change.after))] : [];
    return [
      articleWrite(articleRow(change.after), writesBlocks(change.event.event)),
      ...rows.revisions.map(revisionWrite),
      ...fields,
      ...terms,
    ];
  }
}

/** One event's field rows: one article, one revision. */
function fieldChangesWrite(rows: readonly FieldChangeRow[]): AlongsideWrite {
  return { text: WRITE_FIELD_CHANGES, values: [rows[0].article_id, rows[0].revision, rows.map((row) => row.field)] };
}

function articleWrite(row: ArticleRow, blocksChanged: boolean): AlongsideWrite {
  const create = row.revision === 1;
  return {
    text: create ? CREATE_ARTICLE : UPDATE_ARTICLE,
    values: [
      row.id,
      row.revision,
      row.status,
      row.updated_at,
      JSON.stringify(row.document),
      create || blocksChanged ? JSON.stringify(row.blocks) : null,
    ],
  };
}

function termsWrite(row: TermsRow): AlongsideWrite {
  return {
    text: row.revision === 1 ? CREATE_TERMS : UPDATE_TERMS,
    values: [row.article_id, row.revision, row.headline, row.category_slugs],
  };
}

function revisionWrite(row: RevisionRow): AlongsideWrite {
  return {
    text: WRITE_REVISION,
    values: [
      row.article_id,
      row.revision,
      row.type,
      row.actor,
      row.reason,
      row.summary,
      row.correlation_id,
      row.snapshot === null ? null : JSON.stringify(row.snapshot),
      row.actor_name,
    ],
  };
}
