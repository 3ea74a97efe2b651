import { Agent, request } from 'node:http';

export interface SoakRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface SoakAnswer {
  /** 0 when no answer came (connection error or timeout). */
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Milliseconds from sending to the last byte of the answer. */
  ms: number;
  error?: string;
}

/** Longer than any answer should take: a request past it counts as unanswered, not as slow. */
const TIMEOUT_MS = 30_000;

/**
 * A bare keep-alive HTTP client, one request in flight per connection (an editor's tool waits
 * for its answer). Bare node:http rather than fetch: the load generator shares two cores with the
 * API and PostgreSQL, and must spend as little of them as it can.
 */
export class SoakClient {
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, connections: number) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  }

  send(soakRequest: SoakRequest): Promise<SoakAnswer> {
    const started = performance.now();
    return new Promise((resolve) => {
      const body = soakRequest.body === undefined ? undefined : Buffer.from(soakRequest.body, 'utf8');
      const headers = body ? { ...soakRequest.headers, 'content-length': String(body.length) } : soakRequest.headers;
      const outgoing = request(
        { agent: this.agent, host: this.host, port: this.port, method: soakRequest.method, path: soakRequest.path, headers },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks),
              ms: performance.now() - started,
            }),
          );
          response.on('error', (error) => unanswered(error.message));
        },
      );
      const unanswered = (error: string): void =>
        resolve({ status: 0, headers: {}, body: Buffer.alloc(0), ms: performance.now() - started, error });
      outgoing.setTimeout(TIMEOUT_MS, () => outgoing.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
      outgoing.on('error', (error) => unanswered(error.message));
      outgoing.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
