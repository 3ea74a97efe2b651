import type { IncomingMessage, ServerResponse } from 'node:http';
import { destination, type Logger, pino } from 'pino';
import type { AppConfig } from '../config/app-config';
import { commandOf } from './request-command';

/** The middleware that writes one line per request, and the logger Nest's own lines go to. */
export interface RequestLogging {
  (request: IncomingMessage, response: ServerResponse, next: () => void): void;
  logger: Logger;
}

type LoggedRequest = IncomingMessage & { actor?: { id: string }; originalUrl?: string };

/** Told of every request once its answer is sent (or its client gone): the request metrics. */
export type RequestObserver = (request: IncomingMessage, response: ServerResponse, seconds: number) => void;

/**
 * Structured JSON logs (pino): one line per request with its id, method, path, status, actor
 * and time, and for a command what the command path attached (request-command.ts): its type,
 * article id, revision and outcome. `req.id` is the X-Request-Id, the event's correlation id.
 * Never a token, a secret or a body: the line is built from those fields alone, so there is
 * nothing to redact.
 *
 * Written by hand rather than with pino-http: pino-http made a child logger per request, wrapped
 * the response and serialised the whole request before picking three fields from it, which was
 * 17% of a read's CPU (bench:api, issue 12). The line's shape is the one pino-http wrote, so
 * log pipelines and the pretty printer read it unchanged. nestjs-pino was measured earlier: its
 * AsyncLocalStorage hooks every promise.
 */
export function requestLogging(config: AppConfig, observe?: RequestObserver): RequestLogging {
  // Written asynchronously: a line per request must not cost the request a blocking write.
  // Lines that queue up while one write is in flight go out together, and pino flushes what is
  // left when the process exits.
  const logger = pino({ level: config.logLevel }, config.logDestination ?? destination({ dest: 1, sync: false }));
  const logging = ((request: LoggedRequest, response: ServerResponse, next: () => void) => {
    const started = performance.now();
    // 'close' comes once the answer is sent or the connection is gone, whichever is first.
    response.once('close', () => {
      const elapsed = performance.now() - started;
      observe?.(request, response, elapsed / 1000);
      const status = response.statusCode;
      const line = {
        req: {
          id: request.headers['x-request-id'],
          method: request.method,
          path: pathOf(request.originalUrl ?? request.url ?? ''),
        },
        res: { status },
        responseTime: Math.round(elapsed),
        actor: request.actor?.id,
        command: commandOf(request),
      };
      if (!response.writableFinished) logger.warn(line, 'request aborted');
      else if (status >= 500) logger.error(line, 'request errored');
      else logger.info(line, 'request completed');
    });
    next();
  }) as RequestLogging;
  logging.logger = logger;
  return logging;
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
