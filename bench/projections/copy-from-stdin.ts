import { once } from 'node:events';
import type { Duplex } from 'node:stream';
import type { ClientBase, Submittable } from 'pg';

/**
 * The parts of pg's connection that COPY FROM STDIN needs. `pg` sends CopyData, CopyDone and
 * CopyFail itself (they are how pg-copy-streams works too) but types none of them.
 */
interface CopyConnection {
  readonly stream: Duplex;
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

/**
 * `COPY … FROM STDIN` through a plain `pg` client, without pg-copy-streams: a submittable
 * that sends the statement, waits for the server's CopyInResponse, then streams CopyData
 * messages (waiting for the socket to drain, so memory stays flat) and CopyDone. COPY is by
 * far the fastest way into PostgreSQL, and it fires row triggers as any INSERT does.
 */
class CopyIn implements Submittable {
  private connection?: CopyConnection;
  private rowCount = 0;
  private settled = false;
  readonly accepting: Promise<void>;
  readonly done: Promise<number>;
  private accept!: () => void;
  private resolve!: (rows: number) => void;
  private reject!: (error: Error) => void;

  constructor(private readonly text: string) {
    this.done = new Promise<number>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // Rejected along with `done` if the statement fails before any data is sent.
    this.accepting = Promise.race([new Promise<void>((accept) => (this.accept = accept)), this.done.then(() => undefined)]);
    // A failure is also reported through `done`; this keeps it from counting as unhandled here.
    this.done.catch(() => undefined);
  }

  submit(connection: unknown): void {
    this.connection = connection as CopyConnection;
    this.connection.query(this.text);
  }

  handleCopyInResponse(): void {
    this.accept();
  }

  handleCommandComplete(message: { text: string }): void {
    this.rowCount = Number(/^COPY (\d+)/.exec(message.text)?.[1] ?? 0);
  }

  handleReadyForQuery(): void {
    this.settle();
  }

  /** An ErrorResponse (pg then forgets the query: no ReadyForQuery reaches it) or a broken connection. */
  handleError(error: Error): void {
    this.settle(error);
  }

  // Never sent for COPY FROM; pg calls them on whatever query is active, so they must exist.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}

  async write(chunk: Buffer): Promise<void> {
    const connection = this.active();
    connection.sendCopyFromChunk(chunk);
    if (connection.stream.writableNeedDrain) await Promise.race([once(connection.stream, 'drain'), this.done]);
  }

  end(): void {
    this.active().endCopyFrom();
  }

  fail(reason: string): void {
    if (!this.settled) this.connection?.sendCopyFail(reason);
  }

  get failed(): boolean {
    return this.settled;
  }

  private active(): CopyConnection {
    if (!this.connection) throw new Error('COPY was not submitted');
    return this.connection;
  }

  private settle(error?: Error): void {
    if (this.settled) return;
    this.settled = true;
    if (error) this.reject(error);
    else this.resolve(this.rowCount);
  }
}

/**
 * Runs `statement` (a `COPY … FROM STDIN`) on `client`, feeding it `chunks` of COPY text.
 * Resolves to the number of rows copied. A chunk source that throws aborts the COPY (CopyFail),
 * so nothing of it is kept.
 */
export async function copyFromStdin(
  client: ClientBase,
  statement: string,
  chunks: Iterable<Buffer> | AsyncIterable<Buffer>,
): Promise<number> {
  const copy = new CopyIn(statement);
  client.query(copy);
  await copy.accepting;
  try {
    for await (const chunk of chunks) {
      if (copy.failed) break;
      await copy.write(chunk);
    }
  } catch (error) {
    copy.fail(error instanceof Error ? error.message : String(error));
    await copy.done.catch(() => undefined);
    throw error;
  }
  if (!copy.failed) copy.end();
  return copy.done;
}
