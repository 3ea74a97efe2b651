import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { ReadModelRows } from '../read-model-rows';
import type { ReadModelTables } from '../read-model-writer';
import {
  ARTICLE_LAYOUT,
  type CopyLayout,
  copyLines,
  CORRECTION_LAYOUT,
  FIELD_CHANGE_LAYOUT,
  REVISION_LAYOUT,
  TERMS_LAYOUT,
} from './copy-text';

/**
 * Writes rows with one COPY per table, COPY being PostgreSQL's fastest way in. Plain inserts,
 * no ON CONFLICT: the replay writes each row once, into empty copies. Each COPY commits on its
 * own; a rebuild killed between two leaves only rows in the copies, which the next run drops.
 */
export async function copyRows(client: ClientBase, rows: ReadModelRows, tables: ReadModelTables): Promise<void> {
  await copyInto(client, tables.revisions, REVISION_LAYOUT, rows.revisions);
  await copyInto(client, tables.articles, ARTICLE_LAYOUT, rows.articles);
  await copyInto(client, tables.terms, TERMS_LAYOUT, rows.terms);
  await copyInto(client, tables.fieldChanges, FIELD_CHANGE_LAYOUT, rows.fieldChanges);
  await copyInto(client, tables.corrections, CORRECTION_LAYOUT, rows.corrections);
}

async function copyInto<Row>(client: ClientBase, table: string, layout: CopyLayout<Row>, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  // One chunk per batch: a batch's text is a few megabytes at most, and one CopyData message
  // costs less than many. A failed COPY is aborted whole by the server.
  await pipeline(
    Readable.from([Buffer.from(copyLines(layout, rows))]),
    client.query(copyFrom(`COPY ${table} (${layout.columns}) FROM STDIN`)),
  );
}
