import type { SoakClient } from '../soak/http-client';

export interface Answer {
  /** Milliseconds from sending to the last byte of the answer. */
  ms: number;
  json: () => unknown;
}

/**
 * The API as one editor calls it, one request at a time. Every call states the status it must
 * get: anything else stops the run, since a figure of a refused call would measure the refusal.
 */
export class EditorCalls {
  constructor(
    private readonly client: SoakClient,
    private readonly token: string,
  ) {}

  get(path: string): Promise<Answer> {
    return this.send('GET', path, 200);
  }

  post(path: string, body: unknown, expected = 200): Promise<Answer> {
    return this.send('POST', path, expected, body);
  }

  private async send(method: 'GET' | 'POST', path: string, expected: number, body?: unknown): Promise<Answer> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers['content-type'] = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
    const answer = await this.client.send({
      method,
      path,
      headers,
      body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
    });
    if (answer.status !== expected) {
      throw new Error(
        `${method} ${path} answered ${answer.status} (${answer.error ?? answer.body.toString('utf8').slice(0, 300)})`,
      );
    }
    return { ms: answer.ms, json: () => JSON.parse(answer.body.toString('utf8')) as unknown };
  }
}
