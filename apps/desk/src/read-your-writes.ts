/**
 * Read-your-writes for the desk. The API answers every command with a Consistency-Token (the WAL
 * position of its commit); a read that sends it back is served by a replica only once the replica
 * has replayed that far, and by the primary otherwise. The desk keeps the latest token it has heard
 * and sends it on every read, so that a screen read after a save never shows the story before it.
 */
export const CONSISTENCY_TOKEN = 'Consistency-Token';

export class ReadYourWrites {
  private latest?: { token: string; lsn: bigint };

  /** Keeps `token` if it lies past the one kept; anything unreadable is ignored. */
  heard(token: string | null): void {
    const lsn = token === null ? undefined : lsnOf(token);
    if (lsn === undefined || (this.latest && this.latest.lsn >= lsn)) return;
    this.latest = { token: token!.trim(), lsn };
  }

  /** The token reads send, once a command has answered with one. */
  current(): string | undefined {
    return this.latest?.token;
  }

  /** `fetchImpl` sending the latest token on reads (GET) and keeping the token each answer carries. */
  wrap(fetchImpl: typeof fetch): typeof fetch {
    return async (input, init) => {
      const response = await fetchImpl(...this.stamped(input, init));
      this.heard(response.headers.get(CONSISTENCY_TOKEN));
      return response;
    };
  }

  /** A read with the latest token added; anything else (a command and its body) exactly as given. */
  private stamped(input: RequestInfo | URL, init?: RequestInit): [RequestInfo | URL, RequestInit?] {
    const token = this.current();
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    if (token === undefined || method.toUpperCase() !== 'GET') return [input, init];
    const request = new Request(input, init);
    if (!request.headers.has(CONSISTENCY_TOKEN)) request.headers.set(CONSISTENCY_TOKEN, token);
    return [request];
  }
}

/** A WAL position as PostgreSQL writes it (`16/B374D848`: two hexadecimal halves), as a number. */
export function lsnOf(token: string): bigint | undefined {
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(token.trim());
  if (!match) return undefined;
  return (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`);
}
