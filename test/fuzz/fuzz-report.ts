import { ENDPOINTS } from './endpoints';
import type { Violation } from './exchange-checks';
import type { Exchange } from './fuzz-world';

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

/** An exchange as a reader needs it to reproduce it: the request on the wire and the answer. */
export function describeExchange(exchange: Exchange, violations: readonly Violation[] = []): string {
  const { wire, response, request } = exchange;
  const body =
    wire.body === undefined ? '(none)' : `${wire.body.length} bytes: ${JSON.stringify(clip(wire.body.toString('utf8'), 400))}`;
  return [
    ...violations.map((v) => `✗ ${v.kind}: ${v.message}`),
    `${wire.method} ${clip(wire.target, 300)}${wire.chunked ? ' (chunked)' : ''}`,
    ...wire.headers.map(([name, value]) => `  ${name}: ${clip(value, 120)}`),
    `  body ${body}`,
    `faults: ${request.faults.map((f) => `${f.why} → ${f.statuses.join('/')} @${f.stage}`).join('; ') || 'none'}`,
    `outcomes: ${request.outcomes.map((o) => `${o.status} ${o.why} @${o.stage}`).join('; ') || 'endpoint’s'}`,
    `tags: ${request.tags.join(', ') || 'none'}`,
    `→ ${response.status} ${response.headers['content-type'] ?? '(no content type)'} in ${response.millis.toFixed(0)} ms, ${exchange.appended} event(s) appended`,
    `  ${clip(response.text, 500)}`,
  ].join('\n');
}

const increment = <K>(map: Map<K, number>, key: K, by = 1) => map.set(key, (map.get(key) ?? 0) + by);

/** What a fuzz run did: the figures for the issue note. */
export class FuzzStats {
  private readonly started = performance.now();
  requests = 0;
  private readonly byStatus = new Map<number, number>();
  private readonly byEndpoint = new Map<string, number>();
  private readonly millisBy = new Map<string, number>();
  private readonly appendedBy = new Map<string, number>();
  private readonly refusedCommands = new Map<string, number>();
  private readonly known = new Map<string, { count: number; example: string }>();
  private readonly tags = new Map<string, number>();
  private slowest = { millis: 0, what: '' };
  bytesSent = 0;

  record(exchange: Exchange, knownDefect?: string): void {
    const { request, response, wire } = exchange;
    this.requests += 1;
    this.bytesSent += wire.body?.length ?? 0;
    increment(this.byStatus, response.status);
    increment(this.byEndpoint, request.endpoint);
    increment(this.millisBy, request.endpoint, response.millis);
    if (exchange.appended > 0) increment(this.appendedBy, request.endpoint, exchange.appended);
    const command = ENDPOINTS.find((e) => e.name === request.endpoint)?.command;
    if (command && response.status >= 300) increment(this.refusedCommands, request.endpoint);
    for (const tag of request.tags) increment(this.tags, tag.startsWith('deep:') ? 'deep-json' : tag);
    if (knownDefect) {
      const entry = this.known.get(knownDefect) ?? { count: 0, example: describeExchange(exchange) };
      entry.count += 1;
      this.known.set(knownDefect, entry);
    }
    if (response.millis > this.slowest.millis) {
      this.slowest = { millis: response.millis, what: `${wire.method} ${clip(wire.target, 100)} → ${response.status}` };
    }
  }

  summary(): string {
    const seconds = (performance.now() - this.started) / 1000;
    const table = (map: Map<string | number, number>) =>
      [...map.entries()]
        .sort(([a], [b]) => String(a).localeCompare(String(b)))
        .map(([key, n]) => `    ${String(key).padEnd(44)} ${n}`)
        .join('\n');
    const appended = [...this.appendedBy.values()].reduce((a, b) => a + b, 0);
    const refused = [...this.refusedCommands.values()].reduce((a, b) => a + b, 0);
    return [
      `fuzz: ${this.requests} requests in ${seconds.toFixed(1)} s (${(this.requests / seconds).toFixed(0)}/s), ${(this.bytesSent / 1e6).toFixed(1)} MB of bodies`,
      `  by status:\n${table(this.byStatus)}`,
      `  by endpoint (requests, mean ms):\n${[...this.byEndpoint.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(
          ([name, n]) =>
            `    ${name.padEnd(44)} ${String(n).padStart(5)} ${((this.millisBy.get(name) ?? 0) / n).toFixed(1).padStart(7)}`,
        )
        .join('\n')}`,
      `  events appended by 2xx commands: ${appended}\n${table(this.appendedBy)}`,
      `  refused commands (all checked to append nothing): ${refused}`,
      `  exercised:\n${table(this.tags)}`,
      `  slowest: ${this.slowest.what} in ${this.slowest.millis.toFixed(0)} ms`,
      this.known.size === 0
        ? '  known defects seen: none'
        : `  known defects seen (tolerated):\n${[...this.known.entries()]
            .map(([id, { count, example }]) => `    ${id} ×${count}, e.g.\n${example.replace(/^/gm, '      ')}`)
            .join('\n')}`,
    ].join('\n');
  }
}
