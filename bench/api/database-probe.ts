import { Client } from 'pg';
import { postmasterPidVia } from '../support/cpu-meter';
import type { EventPayload } from './raw-insert';

/** Questions the benchmark asks its own database, on a connection of its own. */
export class DatabaseProbe {
  private constructor(private readonly client: Client) {}

  static async open(url: string): Promise<DatabaseProbe> {
    const client = new Client({ connectionString: url });
    await client.connect();
    return new DatabaseProbe(client);
  }

  /**
   * A text correction the API just stored: the raw baseline inserts exactly its bytes, every
   * column the row has (its hash too) except those the database fills in or the baseline varies.
   */
  async latestCorrection(): Promise<EventPayload> {
    const { rows } = await this.client.query<Omit<EventPayload, 'columns'> & { others: Record<string, unknown> }>(
      `SELECT type, data::text AS data, metadata::text AS metadata,
              to_jsonb(e) - '{position,stream_id,revision,type,data,metadata,idempotency_key,recorded_at,transaction_id}'::text[] AS others
       FROM events e WHERE type = 'TextCorrected' ORDER BY position DESC LIMIT 1`,
    );
    if (!rows[0]) throw new Error('no TextCorrected event was stored: the command phase did nothing');
    const { others, ...payload } = rows[0];
    const columns: Record<string, string> = {};
    // to_jsonb writes bytea as '\x…' and other scalars as they read back in: their text input form.
    for (const [name, value] of Object.entries(others)) {
      if (value !== null) columns[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
    return { ...payload, columns };
  }

  /** The server's postmaster, whose children are all its processes; undefined when it is not on this machine. */
  postmasterPid(): Promise<number | undefined> {
    return postmasterPidVia(this.client);
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
