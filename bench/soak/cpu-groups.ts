import { type ProcessGroup, postgresGroup, postmasterPid } from '../support/cpu-meter';

/**
 * The processes whose CPU the soak reports: the API, PostgreSQL (the postmaster and its
 * backends) and the load generator itself. On a shared two-core machine the rest, "others" in the
 * report, says whether the figures were taken on a quiet machine.
 */
export async function cpuGroups(apiPid: number, databaseUrl: string): Promise<Record<string, ProcessGroup>> {
  return {
    api: { pid: apiPid },
    postgres: postgresGroup(await postmasterPid(databaseUrl), databaseUrl),
    load: { pid: process.pid },
  };
}
