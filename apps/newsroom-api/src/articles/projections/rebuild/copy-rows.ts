import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { ReadModelRows, RowSink } from '../read-model-rows';
import type { ReadModelTables } from '../read-model-writer';
import {
  ARTICLE_LAYOUT,
  type CopyLayout,
  CopyWriter,
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
 * Rows turned into COPY data as they come, one writer per table: the replay's fold writes into
 * it, so that a row lives no longer than the event that made it. Held until its COPY, a batch's
 * rows would survive the young generation's collections and be copied and promoted; garbage
 * collection was the rebuild's largest cost.
 */
export class CopySink implements RowSink {
  readonly revisions: TableCopy<ReadModelRows['revisions'][number]>;
  readonly articles: TableCopy<ReadModelRows['articles'][number]>;
  readonly terms: TableCopy<ReadModelRows['terms'][number]>;
  readonly fieldChanges: TableCopy<ReadModelRows['fieldChanges'][number]>;
  readonly corrections: TableCopy<ReadModelRows['corrections'][number]>;

  /** `previous`, a sink of the batch before, sizes each table's buffer as that batch needed. */
  constructor(previous?: CopySink) {
    this.revisions = new TableCopy(REVISION_LAYOUT, previous?.revisions);
    this.articles = new TableCopy(ARTICLE_LAYOUT, previous?.articles);
    this.terms = new TableCopy(TERMS_LAYOUT, previous?.terms);
    this.fieldChanges = new TableCopy(FIELD_CHANGE_LAYOUT, previous?.fieldChanges);
    this.corrections = new TableCopy(CORRECTION_LAYOUT, previous?.corrections);
  }

  /** The COPY of each table that has rows, into `tables`. Ends the sink: it takes no more rows. */
  chunks(tables: ReadModelTables): CopyChunk[] {
    return [
      this.revisions.chunk(tables.revisions),
      this.articles.chunk(tables.articles),
      this.terms.chunk(tables.terms),
      this.fieldChanges.chunk(tables.fieldChanges),
      this.corrections.chunk(tables.corrections),
    ].filter((chunk): chunk is CopyChunk => chunk !== undefined);
  }
}

class TableCopy<Row> {
  private readonly out: CopyWriter;

  constructor(
    private readonly layout: CopyLayout<Row>,
    previous?: TableCopy<Row>,
  ) {
    this.out = new CopyWriter(previous?.out.size);
  }

  push(row: Row): void {
    this.layout.write(this.out, row);
  }

  chunk(table: string): CopyChunk | undefined {
    if (this.out.rows === 0) return undefined;
    return { statement: `COPY ${table} (${this.layout.columns}) FROM STDIN (FORMAT binary)`, data: this.out.end() };
  }
}

/**
 * Writes rows with one COPY per table, COPY being PostgreSQL's fastest way in. Plain inserts,
 * no ON CONFLICT: the replay writes each row once, into empty copies. Each COPY commits on its
 * own; a rebuild killed between two leaves only rows in the copies, which the next run drops.
 */
export async function copyRows(client: ClientBase, rows: ReadModelRows, tables: ReadModelTables): Promise<void> {
  const sink = new CopySink();
  rows.revisions.forEach((row) => sink.revisions.push(row));
  rows.articles.forEach((row) => sink.articles.push(row));
  rows.terms.forEach((row) => sink.terms.push(row));
  rows.fieldChanges.forEach((row) => sink.fieldChanges.push(row));
  rows.corrections.forEach((row) => sink.corrections.push(row));
  await copyChunks(client, sink.chunks(tables));
}

export async function copyChunks(client: ClientBase, chunks: readonly CopyChunk[]): Promise<void> {
  // One CopyData message per table and batch: a batch's data is a few megabytes at most, and one
  // message costs less than many. A failed COPY is aborted whole by the server.
  for (const { statement, data } of chunks) await pipeline(Readable.from([data]), client.query(copyFrom(statement)));
}
