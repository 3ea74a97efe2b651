import { CpuMeter, type CpuUsage } from '../support/cpu-meter';
import type { ApiChild } from './api-child';
import { cpuGroups } from './cpu-groups';
import type { HeapProbe } from './heap-probe';
import { drive } from './load-driver';
import { type RebuildRun, runRebuild } from './rebuild-child';
import { RssSampler, type RssReading } from './rss';
import type { SoakSettings } from './settings';
import { Tally } from './tally';
import type { Load } from './workload';

export interface MeasuredLoad {
  tally: Tally;
  /** Seconds, the drain of the requests in flight included. */
  elapsed: number;
  cpu: CpuUsage;
  rss: RssReading[];
  rebuild?: RebuildRun;
}

/**
 * The measured part of the soak: the mix for `settings.seconds`, with the API's RSS read every few
 * seconds, CPU metered per process, and `npm run projections:rebuild` started at half time.
 */
export async function measuredLoad(
  load: Load,
  api: ApiChild,
  databaseUrl: string,
  settings: SoakSettings,
  log: (message: string) => void,
  probe?: HeapProbe,
): Promise<MeasuredLoad> {
  const tally = (load.tally = new Tally());
  const cpu = new CpuMeter(await cpuGroups(api.pid, databaseUrl));
  const rss = new RssSampler(api.pid, probe);
  await rss.start(settings.rssEverySeconds);
  const since = performance.now();
  cpu.start();
  let rebuild: Promise<RebuildRun> | undefined;
  const rebuildTimer = setTimeout(
    () => {
      log('projections rebuild started');
      tally.rebuilding = true;
      rebuild = runRebuild(databaseUrl, since).finally(() => {
        tally.rebuilding = false;
        log('projections rebuild ended');
      });
    },
    (settings.seconds * 1000) / 2,
  );
  const progress = setInterval(() => log(progressLine(tally, since, rss)), 30_000);
  const alive = (): boolean => api.exited() === undefined;
  let elapsed: number;
  let usage: CpuUsage;
  try {
    elapsed = await drive(load, settings.connections, settings.seconds, alive);
  } finally {
    clearTimeout(rebuildTimer);
    clearInterval(progress);
    usage = cpu.stop();
    await rss.stop();
  }
  // A rebuild still running when the load ends is waited for: its outcome is part of the report.
  return { tally, elapsed, cpu: usage, rss: rss.readings, rebuild: await rebuild };
}

function progressLine(tally: Tally, since: number, rss: RssSampler): string {
  const seconds = (performance.now() - since) / 1000;
  const last = rss.readings.at(-1);
  return (
    `${seconds.toFixed(0)} s: ${tally.all.count.toLocaleString('en')} requests ` +
    `(${Math.round(tally.all.count / seconds)}/s), ${tally.unexpected} unexpected, ` +
    `RSS ${last ? (last.kib / 1024).toFixed(1) : '?'} MiB${tally.rebuilding ? ', rebuilding' : ''}`
  );
}
