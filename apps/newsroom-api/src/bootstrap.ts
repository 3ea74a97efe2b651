import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { mountDesk } from './http/desk';
import { answerNodeRefusalsWithProblems } from './http/node-refusals';
import { mountOpenApi } from './http/openapi';
import { PinoNestLogger } from './http/pino-nest-logger';
import { requestId } from './http/request-id';
import { requestLogging } from './http/request-logging';
import { helmetOptions, securityHeaders } from './http/security-headers';
import { answerUnservedMethods } from './http/unserved-methods';
import { METRICS, type NewsroomMetrics } from './metrics/newsroom-metrics';

/** Builds the whole HTTP application; `main.ts` and the e2e tests share it. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config), {
    bufferLogs: true,
    // Bodies are parsed by our own middleware so that their errors are problem+json too.
    bodyParser: false,
  });
  // With METRICS_TOKEN set, the request log's 'close' hook also feeds the request metrics.
  const metrics = app.get<NewsroomMetrics | null>(METRICS);
  const logging = requestLogging(config, metrics?.observeRequest);
  app.useLogger(new PinoNestLogger(logging.logger));
  app.use(requestId);
  app.use(logging);
  answerNodeRefusalsWithProblems(app.getHttpServer());
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(securityHeaders(helmetOptions(config)));
  if (config.corsOrigins.length > 0)
    app.enableCors({
      origin: config.corsOrigins,
      exposedHeaders: [
        'ETag',
        'Location',
        'Idempotent-Replayed',
        'Merged-From',
        'X-Request-Id',
        'Retry-After',
        'Consistency-Token',
        'Served-By',
      ],
    });
  app.use(answerUnservedMethods(app));
  mountDesk(app, config.deskDir);
  mountOpenApi(app);
  await app.init();
  return app;
}
