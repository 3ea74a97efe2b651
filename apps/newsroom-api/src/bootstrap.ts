import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';

/** Builds the whole HTTP application; `main.ts` and the e2e tests share it. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config), {
    logger: ['error', 'warn'],
    bodyParser: false,
  });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
