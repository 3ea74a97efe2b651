import { Client } from 'pg';
import { type ProcessGroup, parentOf } from '../support/cpu-meter';

/**
 * The processes whose CPU the soak reports: the API, PostgreSQL (the postmaster and its
 * backends) and the load generator itself. On a shared two-core machine the rest, "others" in the
 * report, says whether the figures were taken on a quiet machine.
 */
export async function cpuGroups(apiPid: number, databaseUrl: string): Promise<Record<string, ProcessGroup>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return {
      api: { pid: apiPid },
      postgres: { pid: parentOf(rows[0].pid) ?? -1, withChildren: true },
      load: { pid: process.pid },
    };
  } finally {
    await client.end();
  }
}
