import type { ArticleRow, CorrectionRow, FieldChangeRow, RevisionRow, TermsRow } from '../read-model-rows';

/**
 * Read-model rows in COPY's text format: one line per row, tab between columns, `\N` for NULL.
 * PostgreSQL then parses each document once; JSON unpacked by jsonb_populate_recordset is parsed
 * as a whole, and each nested document printed back to text and parsed again, which cost the
 * live writer more than the insert itself.
 */
export interface CopyLayout<Row> {
  /** The column list of the COPY statement, in the order `line` writes them. */
  columns: string;
  line(row: Row): string;
}

const SPECIAL = /[\\\t\n\r]/;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * A text field. Only the backslash, tab, newline and carriage return mean something to COPY;
 * text that merely looks like `\N` has its backslash doubled, so it stays text.
 */
export function copyText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPED[c]) : value;
}

/** A jsonb field. JSON.stringify escapes every control character, so only backslashes need doubling. */
export function copyJson(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const written = JSON.stringify(value);
  return written.includes('\\') ? written.replace(/\\/g, '\\\\') : written;
}

/** A text[] field: every element quoted (`{"world","europe"}`), so none is read as NULL or split. */
export function copyTextArray(values: readonly string[]): string {
  return copyText(`{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`);
}

// Ids, numbers and ISO timestamps never hold a special character: they go in as they are.

export const ARTICLE_LAYOUT: CopyLayout<ArticleRow> = {
  columns: 'id, revision, status, updated_at, document, blocks',
  line: (r) => `${r.id}\t${r.revision}\t${copyText(r.status)}\t${r.updated_at}\t${copyJson(r.document)}\t${copyJson(r.blocks)}\n`,
};

export const TERMS_LAYOUT: CopyLayout<TermsRow> = {
  columns: 'article_id, revision, headline, category_slugs',
  line: (r) => `${r.article_id}\t${r.revision}\t${copyText(r.headline)}\t${copyTextArray(r.category_slugs)}\n`,
};

export const REVISION_LAYOUT: CopyLayout<RevisionRow> = {
  columns: 'article_id, revision, type, actor, actor_name, reason, recorded_at, summary, position, correlation_id, snapshot',
  line: (r) =>
    `${r.article_id}\t${r.revision}\t${copyText(r.type)}\t${copyText(r.actor)}\t${copyText(r.actor_name)}\t${copyText(r.reason)}\t${r.recorded_at}\t` +
    `${copyText(r.summary)}\t${r.position}\t${copyText(r.correlation_id)}\t${copyJson(r.snapshot)}\n`,
};

export const FIELD_CHANGE_LAYOUT: CopyLayout<FieldChangeRow> = {
  columns: 'article_id, field, revision',
  line: (r) => `${r.article_id}\t${copyText(r.field)}\t${r.revision}\n`,
};

export const CORRECTION_LAYOUT: CopyLayout<CorrectionRow> = {
  columns: 'article_id, revision, headline, kind, text, recorded_at, position',
  line: (r) =>
    `${r.article_id}\t${r.revision}\t${copyText(r.headline)}\t${copyText(r.kind)}\t${copyText(r.text)}\t${r.recorded_at}\t${r.position}\n`,
};

/** The COPY text of `rows`, one string for one CopyData message. */
export function copyLines<Row>(layout: CopyLayout<Row>, rows: readonly Row[]): string {
  let out = '';
  for (const row of rows) out += layout.line(row);
  return out;
}
