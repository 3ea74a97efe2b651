import autocannon from 'autocannon';
import type { ArticleRota, Assignment } from './article-rota';

export interface CommandRun {
  seconds: number;
  /** 2xx answers per second over the run. */
  commandsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  completed: number;
  non2xx: number;
  /** Connection errors and timeouts: requests that got no answer at all. */
  errors: number;
}

interface Connection {
  assignment?: Assignment;
}

/**
 * For a number of seconds, or until a number of commands were answered. A timed run abandons
 * the commands in flight when the time is up, and their articles with them (their state is
 * unknown): fine at the end, but a warm-up must stop by count so that every article stays usable.
 */
export type RunLength = { seconds: number } | { commands: number };

/**
 * Sends the rota's commands over `connections` keep-alive connections, one request at a time on
 * each (no pipelining: an editor's tool waits for its answer).
 */
export async function driveCommands(
  baseUrl: string,
  rota: ArticleRota,
  connections: number,
  length: RunLength,
): Promise<CommandRun> {
  const before = rota.counts.ok;
  const result = await autocannon({
    url: baseUrl,
    connections,
    pipelining: 1,
    ...('seconds' in length ? { duration: length.seconds } : { amount: length.commands }),
    timeout: 10,
    requests: [
      {
        // autocannon calls this before each request and `onResponse` after it, on the same
        // connection's context: the assignment travels between the two there.
        setupRequest: (request, context) => {
          const assignment = rota.take();
          (context as Connection).assignment = assignment;
          return {
            ...request,
            method: assignment.step.method,
            path: rota.pathFor(assignment),
            headers: rota.headersFor(assignment),
            body: assignment.step.body,
          };
        },
        onResponse: (status, body, context, headers) => {
          const { assignment } = context as Connection;
          if (assignment) rota.settle(assignment, status, etagOf(headers), body);
        },
      },
    ],
  });
  return {
    seconds: result.duration,
    commandsPerSecond: (rota.counts.ok - before) / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    completed: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** autocannon keeps header names as the server spelled them (`ETag`). */
function etagOf(headers: Record<string, string | string[] | undefined> | undefined): string | undefined {
  const name = Object.keys(headers ?? {}).find((key) => key.toLowerCase() === 'etag');
  const value = name === undefined ? undefined : headers?.[name];
  return Array.isArray(value) ? value[0] : value;
}
