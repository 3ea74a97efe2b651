import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { ReadModelRows } from '../read-model-rows';
import type { ReadModelTables } from '../read-model-writer';
import {
  ARTICLE_LAYOUT,
  type CopyLayout,
  copyData,
  CORRECTION_LAYOUT,
  FIELD_CHANGE_LAYOUT,
  REVISION_LAYOUT,
  TERMS_LAYOUT,
} from './copy-binary';

/** One table's rows of a batch, as the COPY statement and its data. */
export interface CopyChunk {
  statement: string;
  data: Buffer;
}

/**
 * Writes rows with one COPY per table, COPY being PostgreSQL's fastest way in. Plain inserts,
 * no ON CONFLICT: the replay writes each row once, into empty copies. Each COPY commits on its
 * own; a rebuild killed between two leaves only rows in the copies, which the next run drops.
 */
export async function copyRows(client: ClientBase, rows: ReadModelRows, tables: ReadModelTables): Promise<void> {
  await copyChunks(client, copyChunksOf(rows, tables));
}

/**
 * The COPY data of `rows`, one chunk per table that has rows. Made as soon as the rows are, the
 * replay lets their objects go at once: they die young, where held until their COPY they would
 * be copied and promoted by the young generation's collections, the rebuild's largest cost.
 */
export function copyChunksOf(rows: ReadModelRows, tables: ReadModelTables): CopyChunk[] {
  return [
    chunkOf(tables.revisions, REVISION_LAYOUT, rows.revisions),
    chunkOf(tables.articles, ARTICLE_LAYOUT, rows.articles),
    chunkOf(tables.terms, TERMS_LAYOUT, rows.terms),
    chunkOf(tables.fieldChanges, FIELD_CHANGE_LAYOUT, rows.fieldChanges),
    chunkOf(tables.corrections, CORRECTION_LAYOUT, rows.corrections),
  ].filter((chunk): chunk is CopyChunk => chunk !== undefined);
}

export async function copyChunks(client: ClientBase, chunks: readonly CopyChunk[]): Promise<void> {
  // One CopyData message per table and batch: a batch's data is a few megabytes at most, and one
  // message costs less than many. A failed COPY is aborted whole by the server.
  for (const { statement, data } of chunks) await pipeline(Readable.from([data]), client.query(copyFrom(statement)));
}

function chunkOf<Row>(table: string, layout: CopyLayout<Row>, rows: readonly Row[]): CopyChunk | undefined {
  if (rows.length === 0) return undefined;
  return { statement: `COPY ${table} (${layout.columns}) FROM STDIN (FORMAT binary)`, data: copyData(layout, rows) };
}
