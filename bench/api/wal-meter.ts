import { Client } from 'pg';

/**
 * WAL written between two readings, in bytes. It is cluster-wide (anything else writing to the
 * same server counts too), but on a quiet server it shows how much each command makes the
 * database flush compared with one raw row.
 */
export class WalMeter {
  private constructor(
    private readonly client: Client,
    private start: bigint,
  ) {}

  static async open(url: string): Promise<WalMeter> {
    const client = new Client({ connectionString: url });
    await client.connect();
    const meter = new WalMeter(client, 0n);
    await meter.reset();
    return meter;
  }

  async reset(): Promise<void> {
    this.start = await this.lsn();
  }

  async bytesSinceReset(): Promise<number> {
    return Number((await this.lsn()) - this.start);
  }

  close(): Promise<void> {
    return this.client.end();
  }

  private async lsn(): Promise<bigint> {
    const { rows } = await this.client.query<{ bytes: string }>(
      `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text AS bytes`,
    );
    return BigInt(rows[0].bytes.split('.')[0]);
  }
}
