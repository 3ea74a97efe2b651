import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '@newsroom/database';
import { ArticlesModule } from './articles/articles.module';
import { AuthGuard } from './auth/auth.guard';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthModule } from './health/health.module';
import { BodyParserMiddleware } from './http/body-parser.middleware';
import { ContentTypeGuard } from './http/content-type.guard';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { RequestIdMiddleware } from './http/request-id.middleware';
import { StrictValidationPipe } from './http/validation.pipe';

@Module({})
export class AppModule implements NestModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config.databaseUrl),
          migrationsRun: true,
          retryAttempts: 3,
          retryDelay: 1000,
        }),
        CqrsModule.forRoot(),
        EventStoreModule,
        HealthModule,
        ArticlesModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        // Guards run in this order: who you are (401/403) before what you sent (415).
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: ContentTypeGuard },
        { provide: APP_PIPE, useClass: StrictValidationPipe },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
      exports: [APP_CONFIG],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestIdMiddleware, BodyParserMiddleware).forRoutes('*path');
  }
}
