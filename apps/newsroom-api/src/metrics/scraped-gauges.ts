import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { Gauge } from 'prom-client';
import { CORRECTIONS_SUBSCRIBER, CorrectionsFollower } from '../articles/projections/corrections-follower';
import { REBUILD_APPLICATION_NAME } from '../articles/projections/rebuild/rebuild-progress';
import { REBUILD_LOCK } from '../articles/projections/rebuild/rebuild-projections';
import { METRICS, type NewsroomMetrics } from './newsroom-metrics';

/**
 * True while some session of this database holds the rebuild's advisory lock (a single bigint
 * key is held as classid 0, objid the key, objsubid 1).
 */
const REBUILD_RUNNING = `
  SELECT EXISTS (
    SELECT 1 FROM pg_locks
    WHERE locktype = 'advisory' AND granted AND classid = 0 AND objid = $1 AND objsubid = 1
      AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
  ) AS running`;

/**
 * The progress the session holding the rebuild's lock reports in its application_name
 * (`newsroom-rebuild <phase> <done>/<total>`, see RebuildProgress): no row when none runs.
 */
const REBUILD_PROGRESS = `
  SELECT substring(a.application_name FROM '^\\S+ (\\S+) ') AS phase,
         substring(a.application_name FROM ' (\\d+)/')::bigint AS done,
         substring(a.application_name FROM '/(\\d+)$')::bigint AS total
  FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
  WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = $1 AND l.objsubid = 1
    AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND a.application_name LIKE $2`;

/**
 * The gauges read when Prometheus scrapes rather than kept up to date: the pg pool, how far
 * each follower is behind the log, and whether a rebuild is running. The rebuild runs in a
 * process of its own (`npm run projections:rebuild`); the API sees that it holds its lock and
 * the progress its session reports in its application_name. A gauge whose database question fails shows no sample
 * instead of a stale one.
 */
@Injectable()
export class ScrapedGauges {
  constructor(@Inject(METRICS) metrics: NewsroomMetrics, pool: Pool, corrections: CorrectionsFollower) {
    const registers = [metrics.registry];
    const poolGauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read());
        },
      });
    poolGauge('newsroom_db_pool_open_connections', 'Connections the pg pool holds open, idle or in use', () => pool.totalCount);
    poolGauge('newsroom_db_pool_idle_connections', 'Open connections of the pg pool that are idle', () => pool.idleCount);
    poolGauge('newsroom_db_pool_waiting_requests', 'Queries waiting for a connection of the pg pool', () => pool.waitingCount);
    poolGauge('newsroom_db_pool_max_connections', 'The pg pool’s size (DATABASE_POOL_SIZE)', () => pool.options.max ?? 10);

    const followers = [{ name: CORRECTIONS_SUBSCRIBER, lag: () => corrections.lag() }];
    new Gauge<'subscription'>({
      name: 'newsroom_projection_lag_events',
      help: 'Events in the log that a follower of this process has not handled yet (its checkpoint against the log head)',
      labelNames: ['subscription'],
      registers,
      async collect() {
        this.reset();
        await Promise.all(
          followers.map(async ({ name, lag }) => {
            const behind = await lag().catch(() => undefined);
            if (behind !== undefined) this.set({ subscription: name }, behind);
          }),
        );
      },
    });

    new Gauge({
      name: 'newsroom_projection_rebuild_running',
      help: '1 while a read-model rebuild (npm run projections:rebuild, another process) runs on this database',
      registers,
      async collect() {
        this.reset();
        const answer = await pool.query<{ running: boolean }>(REBUILD_RUNNING, [REBUILD_LOCK]).catch(() => undefined);
        if (answer) this.set(answer.rows[0].running ? 1 : 0);
      },
    });

    // The registry collects every gauge of a scrape at once: `_done` and `_total` share the one
    // question in flight instead of asking PostgreSQL twice.
    let asking: Promise<{ phase: string; done: string; total: string } | undefined> | undefined;
    const progress = () =>
      (asking ??= pool
        .query<{ phase: string; done: string; total: string }>(REBUILD_PROGRESS, [REBUILD_LOCK, `${REBUILD_APPLICATION_NAME} %`])
        .then((answer) => answer.rows[0])
        .catch(() => undefined)
        .finally(() => (asking = undefined)));
    new Gauge<'phase'>({
      name: 'newsroom_projection_rebuild_events_done',
      help: 'Events a running rebuild has replayed into its copies, by phase (replaying, indexing, swapping); absent when none runs',
      labelNames: ['phase'],
      registers,
      async collect() {
        this.reset();
        const now = await progress();
        if (now) this.set({ phase: now.phase }, Number(now.done));
      },
    });
    // Labelled like `_done` (so `done / total` divides in PromQL), and so absent, not 0, when no rebuild runs.
    new Gauge<'phase'>({
      name: 'newsroom_projection_rebuild_events_total',
      help: 'Events in the log snapshot a running rebuild replays, by phase; absent when none runs',
      labelNames: ['phase'],
      registers,
      async collect() {
        this.reset();
        const now = await progress();
        if (now) this.set({ phase: now.phase }, Number(now.total));
      },
    });
  }
}
