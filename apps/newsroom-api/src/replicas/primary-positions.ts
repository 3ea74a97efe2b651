import type { Lsn } from './lsn';

interface Sample {
  /** When the question was asked: everything committed before then is at or below `lsn`. */
  at: number;
  lsn: Lsn;
}

/**
 * The primary's flushed WAL position over the last while, sampled by the probe. A replica
 * that has replayed up to L shows every write the primary had flushed when it was last at or
 * below L: the replica's staleness is the time since then. Unlike `now() -
 * pg_last_xact_replay_timestamp()`, this stays near zero while the primary is idle (nothing to
 * replay is not lag) and grows as soon as the primary moves on without the replica.
 */
export class PrimaryPositions {
  private readonly samples: Sample[] = [];

  constructor(private readonly keepMs: number) {}

  record(at: number, lsn: Lsn): void {
    const last = this.samples[this.samples.length - 1];
    // The flushed position never moves back; a repeat only refreshes the time it was seen.
    if (last && last.lsn >= lsn) last.at = Math.max(last.at, at);
    else this.samples.push({ at, lsn });
    while (this.samples.length > 1 && this.samples[0].at < at - this.keepMs) this.samples.shift();
  }

  /**
   * The last moment at which the primary had flushed nothing beyond `replayed`; undefined when
   * even the oldest sample kept is beyond it (or none was taken yet): behind by more than kept.
   */
  caughtUpAt(replayed: Lsn): number | undefined {
    for (let i = this.samples.length - 1; i >= 0; i--) {
      if (this.samples[i].lsn <= replayed) return this.samples[i].at;
    }
    return undefined;
  }

  /** The oldest moment kept: a replica behind every sample is behind by at least the time since. */
  oldest(): number | undefined {
    return this.samples[0]?.at;
  }
}
