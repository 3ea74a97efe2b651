/** How a long run is doing: its rate so far and the time left at that rate. */
export interface ProgressFigures {
  /** Items per second since the start. */
  rate: number;
  /** Seconds left at that rate; undefined until there is a rate. */
  etaSeconds: number | undefined;
  /** 0 to 100, whole. */
  percent: number;
}

export function progressFigures(done: number, total: number, elapsedMs: number): ProgressFigures {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const left = Math.max(total - done, 0);
  return {
    rate,
    etaSeconds: rate > 0 ? left / rate : left === 0 ? 0 : undefined,
    percent: total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100,
  };
}

/** `--` (no rate yet), `42s`, `3m 05s`, `1h 02m`. */
export function formatEta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '--';
  const whole = Math.ceil(seconds);
  if (whole < 60) return `${whole}s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes}m ${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}
