import type { Pool, PoolClient } from 'pg';
import type { EventRowInsert } from './floor-fixtures';

/**
 * One INSERT of the event row per call, through the pool. As in raw-insert.ts, each database
 * connection writes a stream of its own with revisions counting up: the unique key the event
 * store maintains is exercised, and two requests never collide on it (a connection runs one
 * statement at a time).
 */
export class EventRowInserts {
  private readonly revisions = new WeakMap<PoolClient, { stream: string; revision: number }>();
  private streams = 0;

  constructor(
    private readonly pool: Pool,
    private readonly insert: EventRowInsert,
  ) {}

  async insertOne(): Promise<void> {
    const client = await this.pool.connect();
    try {
      let counter = this.revisions.get(client);
      if (!counter) this.revisions.set(client, (counter = { stream: `floor-${process.pid}-${this.streams++}`, revision: 0 }));
      counter.revision += 1;
      await client.query(this.insert.text, [counter.stream, counter.revision, ...this.insert.values]);
    } finally {
      client.release();
    }
  }
}
