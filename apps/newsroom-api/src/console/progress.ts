import { SingleBar } from 'cli-progress';
import { formatEta, progressFigures } from './progress-figures';

export interface ProgressOptions {
  /** Names the run: `Rebuild`, `Audit`. */
  title: string;
  /** What is counted (default `events`). */
  unit?: string;
  /** Where it is shown (default stdout): a terminal gets a bar redrawn in place, anything else plain lines. */
  stream?: NodeJS.WriteStream;
  /** Plain lines: at most one per this many milliseconds (default 2000), besides the first and the last. */
  everyMs?: number;
  /** The clock in milliseconds (tests pass their own). */
  now?: () => number;
}

/** The progress of a long run (a rebuild, an audit) as its operator sees it. */
export interface Progress {
  update(done: number, total: number): void;
  /** Ends the bar, or the lines, and prints `summary` as the last line. */
  finish(summary: string): void;
  /** Ends the bar without a summary: the run failed, and its error follows. */
  stop(): void;
}

/**
 * A bar with done / total, rate and ETA on a terminal (cli-progress); plain lines when the stream
 * is not one (CI logs, pipes, files), where cli-progress prints nothing and a redrawn line would
 * leave a carriage-return smear. Either way a summary line ends it.
 */
export function progress(options: ProgressOptions): Progress {
  const settings = { unit: 'events', stream: process.stdout, everyMs: 2000, now: () => Date.now(), ...options };
  return settings.stream.isTTY ? new TerminalBar(settings) : new PlainLines(settings);
}

type Settings = Required<ProgressOptions>;

class PlainLines implements Progress {
  private readonly started: number;
  private lastLine: number | undefined;
  private lastDone = -1;

  constructor(private readonly settings: Settings) {
    this.started = settings.now();
  }

  update(done: number, total: number): void {
    const now = this.settings.now();
    const due = this.lastLine === undefined || now - this.lastLine >= this.settings.everyMs;
    // The first figures, then one line per interval, and the moment it is all done.
    if (!due && !(done >= total && this.lastDone < total)) return;
    this.lastLine = now;
    this.lastDone = done;
    const { rate, etaSeconds, percent } = progressFigures(done, total, now - this.started);
    const { title, unit } = this.settings;
    this.settings.stream.write(
      `${title}: ${done}/${total} ${unit} (${percent}%) · ${Math.round(rate)} ${unit}/s · ETA ${formatEta(etaSeconds)}\n`,
    );
  }

  finish(summary: string): void {
    this.settings.stream.write(`${summary}\n`);
  }

  stop(): void {}
}

class TerminalBar implements Progress {
  private readonly started: number;
  private readonly bar: SingleBar;
  private running = false;

  constructor(private readonly settings: Settings) {
    this.started = settings.now();
    const { title, unit } = settings;
    this.bar = new SingleBar({
      stream: settings.stream,
      format: `${title} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate} ${unit}/s | ETA {etaText}`,
      barCompleteChar: '█',
      barIncompleteChar: '░',
      hideCursor: true,
      // Ctrl-C mid-run gives the terminal its cursor back.
      gracefulExit: true,
    });
  }

  update(done: number, total: number): void {
    const { rate, etaSeconds } = progressFigures(done, total, this.settings.now() - this.started);
    const payload = { rate: Math.round(rate), etaText: formatEta(etaSeconds) };
    if (!this.running) {
      this.running = true;
      this.bar.start(total, done, payload);
      return;
    }
    if (total !== this.bar.getTotal()) this.bar.setTotal(total);
    this.bar.update(done, payload);
  }

  finish(summary: string): void {
    this.stop();
    this.settings.stream.write(`${summary}\n`);
  }

  stop(): void {
    if (this.running) this.bar.stop();
    this.running = false;
  }
}
