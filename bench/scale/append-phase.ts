import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { EventStore } from '@newsroom/event-store';
import { CORRECTION } from '../store/payload';
import { CpuMeter, type CpuUsage, postgresGroup } from '../support/cpu-meter';
import { Latencies, type LatencySummary } from '../support/latencies';

export interface AppendRun extends LatencySummary {
  appends: number;
  appendsPerSecond: number;
  cpu: CpuUsage;
}

/**
 * `writers` appenders through the event store, one event per transaction each, on fresh streams
 * of their own, for `seconds` after a second's warm-up; CPU metered for this process (the
 * appenders) and PostgreSQL.
 */
export async function timeAppends(
  url: string,
  writers: number,
  seconds: number,
  postmaster: number | undefined,
): Promise<AppendRun> {
  const pool = new Pool({ connectionString: url, max: writers + 1 });
  const store = new EventStore(pool);
  const prefix = `scale-${randomUUID().slice(0, 8)}`;
  const revisions = new Array<number>(writers).fill(0);
  const appendFor = async (until: number, latencies: Latencies): Promise<void> => {
    await Promise.all(
      revisions.map(async (_, w) => {
        while (performance.now() < until) {
          const sent = performance.now();
          await store.append(`${prefix}-${w}`, [CORRECTION], { expectedRevision: revisions[w] || 'no-stream' });
          latencies.record(performance.now() - sent);
          revisions[w]++;
        }
      }),
    );
  };
  try {
    await appendFor(performance.now() + 1000, new Latencies());
    const latencies = new Latencies();
    const meter = new CpuMeter({ appenders: { pid: process.pid }, postgres: postgresGroup(postmaster, url) });
    meter.start();
    const started = performance.now();
    await appendFor(started + seconds * 1000, latencies);
    const elapsed = (performance.now() - started) / 1000;
    const cpu = meter.stop();
    const summary = latencies.summary();
    return { ...summary, appends: summary.count, appendsPerSecond: summary.count / elapsed, cpu };
  } finally {
    await store.wakeFollowers();
    await pool.end();
  }
}
