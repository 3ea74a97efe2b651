import type { ClientBase } from 'pg';
import type { ArticleRow, CorrectionRow, RevisionRow } from '../../../apps/newsroom-api/src/articles/projections/read-model-rows';
import type { ReadModelTables } from '../../../apps/newsroom-api/src/articles/projections/read-model-writer';
import { copyFromStdin } from '../copy-from-stdin';

/**
 * The read-model rows in COPY's text format, the prototype's replacement for the writer's
 * JSON + jsonb_populate_recordset. PostgreSQL then parses each document once: populate_recordset
 * parses the whole JSON array into jsonb, and for a jsonb column prints each nested document
 * back to text and parses it again, which made the unpacking cost more than the insert itself.
 */

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A text field: escaped only when it holds one of the four characters COPY gives a meaning to. */
function text(value: string | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : value;
}

/** JSON.stringify never leaves a raw tab or newline in its output: only backslashes need doubling. */
function json(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const written = JSON.stringify(value);
  return written.includes('\\') ? written.replace(/\\/g, '\\\\') : written;
}

/** A text[] literal, every element quoted: `{"world","europe"}`. */
function textArray(values: readonly string[]): string {
  return text(`{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`);
}

export const ARTICLE_COLUMNS = 'id, revision, status, category_slugs, updated_at, document';
export const REVISION_COLUMNS =
  'article_id, revision, type, actor, reason, recorded_at, summary, position, correlation_id, snapshot';
export const CORRECTION_COLUMNS = 'article_id, revision, headline, kind, text, recorded_at, position';

export function articleLines(rows: readonly ArticleRow[]): string {
  let out = '';
  for (const r of rows) {
    out += `${r.id}\t${r.revision}\t${text(r.status)}\t${textArray(r.category_slugs)}\t${r.updated_at}\t${json(r.document)}\n`;
  }
  return out;
}

export function revisionLines(rows: readonly RevisionRow[]): string {
  let out = '';
  for (const r of rows) {
    out +=
      `${r.article_id}\t${r.revision}\t${text(r.type)}\t${text(r.actor)}\t${text(r.reason)}\t${r.recorded_at}\t` +
      `${text(r.summary)}\t${r.position}\t${text(r.correlation_id)}\t${json(r.snapshot)}\n`;
  }
  return out;
}

export function correctionLines(rows: readonly CorrectionRow[]): string {
  let out = '';
  for (const r of rows) {
    out += `${r.article_id}\t${r.revision}\t${text(r.headline)}\t${text(r.kind)}\t${text(r.text)}\t${r.recorded_at}\t${r.position}\n`;
  }
  return out;
}

export interface RowsToCopy {
  articles: ArticleRow[];
  revisions: RevisionRow[];
  corrections: CorrectionRow[];
}

/** One COPY per table. Plain inserts: the replay writes each row once, into empty copies. */
export async function copyRows(client: ClientBase, rows: RowsToCopy, tables: ReadModelTables): Promise<void> {
  if (rows.revisions.length > 0) {
    await copyFromStdin(client, `COPY ${tables.revisions} (${REVISION_COLUMNS}) FROM STDIN`, [
      Buffer.from(revisionLines(rows.revisions)),
    ]);
  }
  if (rows.articles.length > 0) {
    await copyFromStdin(client, `COPY ${tables.articles} (${ARTICLE_COLUMNS}) FROM STDIN`, [
      Buffer.from(articleLines(rows.articles)),
    ]);
  }
  if (rows.corrections.length > 0) {
    await copyFromStdin(client, `COPY ${tables.corrections} (${CORRECTION_COLUMNS}) FROM STDIN`, [
      Buffer.from(correctionLines(rows.corrections)),
    ]);
  }
}
