import { CpuMeter, type CpuUsage, type ProcessGroup } from '../support/cpu-meter';
import type { Meters } from './raw-insert';
import type { WalMeter } from './wal-meter';

/** What one measured phase cost the machine: WAL written and CPU burned, per process group. */
export interface PhaseUsage {
  walBytes: number;
  cpu: CpuUsage;
}

/** WAL and CPU readings around a phase, taken while its connections are all open. */
export class PhaseMeters implements Meters {
  private readonly cpu: CpuMeter;
  usage?: PhaseUsage;

  constructor(
    private readonly wal: WalMeter,
    groups: Record<string, ProcessGroup>,
  ) {
    this.cpu = new CpuMeter(groups);
  }

  async begin(): Promise<void> {
    await this.wal.reset();
    this.cpu.start();
  }

  async end(): Promise<void> {
    const cpu = this.cpu.stop();
    this.usage = { walBytes: await this.wal.bytesSinceReset(), cpu };
  }
}
