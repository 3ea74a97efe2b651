/**
 * What the load believes it wrote, key by key, to hold against the log at the end. Every command
 * is sent with an Idempotency-Key of its own; the store records it with the actor
 * (`actor␟key`), so that is how keys are kept here too.
 */
export class Ledger {
  /** Keys of commands answered 2xx that appended one event (every command of the cycle does). */
  readonly appended = new Set<string>();
  /** Keys of commands that got no answer or an unexpected one: applied or not, nobody knows. */
  readonly unsettled = new Set<string>();
  /** Correction notices among the appended events: the corrections feed must hold as many. */
  notices = 0;
  private sequence = 0;

  constructor(private readonly runTag: string) {}

  nextKey(): string {
    return `${this.runTag}-${++this.sequence}`;
  }

  acknowledge(actor: string, key: string, notice: boolean): void {
    this.appended.add(scoped(actor, key));
    if (notice) this.notices++;
  }

  unsettle(actor: string, key: string): void {
    this.unsettled.add(scoped(actor, key));
  }
}

export function scoped(actor: string, key: string): string {
  return `${actor}\u241f${key}`;
}
