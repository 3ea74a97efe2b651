import { type DynamicModule, Module } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { destination } from 'pino';
import type { AppConfig } from '../config/app-config';

/**
 * Structured JSON logs (pino): one line per request with its id, method, path, status and
 * time. Never a token, a secret or a body: credentials are redacted and bodies are not logged.
 */
@Module({})
export class LoggingModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: [
            {
              level: config.logLevel,
              genReqId: (request: IncomingMessage) => String(request.headers['x-request-id'] ?? ''),
              redact: {
                paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
                censor: '[redacted]',
              },
              serializers: {
                req: (req: { id: string; method: string; url: string }) => ({
                  id: req.id,
                  method: req.method,
                  path: req.url.split('?')[0],
                }),
                res: (res: { statusCode: number }) => ({ status: res.statusCode }),
              },
              customProps: (request: IncomingMessage) => ({
                actor: (request as IncomingMessage & { actor?: { id: string } }).actor?.id,
              }),
            },
            // Written asynchronously: a line per request must not cost the request a blocking
            // write. Lines that queue up while one write is in flight go out together, and pino
            // flushes what is left when the process exits.
            config.logDestination ?? destination({ dest: 1, sync: false }),
          ],
        }),
      ],
    };
  }
}
