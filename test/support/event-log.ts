import { Pool } from 'pg';

/** Reads the raw log behind the API's back, to prove what was (not) appended. */
export class EventLog {
  private readonly pool: Pool;

  constructor(url: string) {
    this.pool = new Pool({ connectionString: url, max: 2 });
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
    return rows[0].n;
  }

  async stream(
    articleId: string,
  ): Promise<Array<{ revision: number; type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }>> {
    const { rows } = await this.pool.query(
      'SELECT revision, type, data, metadata FROM events WHERE stream_id = $1 ORDER BY revision',
      [`article-${articleId}`],
    );
    return rows;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
