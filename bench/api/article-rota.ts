import { COMMAND_CYCLE, type CommandStep } from './command-cycle';

/** A command handed to one connection, remembered until its answer comes back. */
export interface Assignment {
  article: number;
  step: CommandStep;
}

export interface RotaCounts {
  ok: number;
  /** Answers other than 2xx, by status. */
  failed: Map<number, number>;
  /** 2xx answers whose ETag was not the previous revision plus one: a lost or doubled event. */
  revisionSkips: number;
  /** The first few failures, verbatim, to tell a broken workload from a broken app. */
  samples: string[];
}

const SAMPLES_KEPT = 5;

/**
 * Spreads commands over the articles so that every one is valid: an article is handed to one
 * connection at a time (no two of its commands race, so each step finds the state the previous
 * one left), and idle articles are served oldest first, which visits all of them evenly.
 * Contention on one article is a different scenario (the e2e tests cover its correctness).
 */
export class ArticleRota {
  private readonly idle: number[];
  private readonly step: number[];
  private readonly revision: number[];
  readonly counts: RotaCounts = { ok: 0, failed: new Map(), revisionSkips: 0, samples: [] };

  constructor(
    readonly ids: readonly string[],
    private readonly tokens: readonly string[],
  ) {
    this.idle = ids.map((_, index) => index);
    this.step = ids.map(() => 0);
    // Every article starts at its creation, revision 1.
    this.revision = ids.map(() => 1);
  }

  /** The next command to send, taken off the idle articles until `settle`. */
  take(): Assignment {
    const article = this.idle.shift();
    if (article === undefined) throw new Error('every article is in flight: use more articles than connections');
    return { article, step: COMMAND_CYCLE[this.step[article]] };
  }

  headersFor(assignment: Assignment): Record<string, string> {
    return {
      authorization: `Bearer ${this.tokens[assignment.article % this.tokens.length]}`,
      'content-type': 'application/json',
    };
  }

  pathFor(assignment: Assignment): string {
    return `/articles/${this.ids[assignment.article]}${assignment.step.path}`;
  }

  /** Records the answer and frees the article; it moves on in its cycle only if the command applied. */
  settle(assignment: Assignment, status: number, etag: string | undefined, body: string): void {
    const { article } = assignment;
    if (status >= 200 && status < 300) {
      this.counts.ok++;
      const revision = Number(etag?.replaceAll('"', ''));
      if (revision !== this.revision[article] + 1) this.counts.revisionSkips++;
      if (Number.isInteger(revision)) this.revision[article] = revision;
      this.step[article] = (this.step[article] + 1) % COMMAND_CYCLE.length;
    } else {
      this.counts.failed.set(status, (this.counts.failed.get(status) ?? 0) + 1);
      if (this.counts.samples.length < SAMPLES_KEPT) {
        this.counts.samples.push(`${status} ${assignment.step.method} ${this.pathFor(assignment)}: ${body.slice(0, 300)}`);
      }
    }
    this.idle.push(article);
  }
}
