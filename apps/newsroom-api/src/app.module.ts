import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '@newsroom/database';
import { ArticlesModule } from './articles/articles.module';
import { AuthGuard } from './auth/auth.guard';
import { LocalSignInController } from './auth/local-sign-in.controller';
import { MeController } from './auth/me.controller';
import { SignInOptionsController } from './auth/sign-in-options.controller';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { BodyParserGuard } from './http/body-parser.guard';
import { ContentTypeGuard } from './http/content-type.guard';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { ContractGuard } from './http/contract.guard';
import { ActorRateLimitGuard, AddressRateLimitGuard } from './rate-limit/rate-limit.guards';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { ReplicasModule } from './replicas/replicas.module';

@Module({})
export class AppModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({
          // Migrations run before the app is built (main.ts), one process at a time.
          ...dataSourceOptions(config.databaseUrl),
          retryAttempts: 3,
          retryDelay: 1000,
        }),
        CqrsModule.forRoot(),
        ReplicasModule.forSettings(config.replicas),
        EventStoreModule,
        HealthModule,
        ArticlesModule,
        RateLimitModule.forConfig(config),
        MetricsModule.forConfig(config),
      ],
      // The one-click sign-in exists only where the API runs on the user's own machine.
      controllers: [SignInOptionsController, MeController, ...(config.localSignIn ? [LocalSignInController] : [])],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        // Guards run in this order: flood control by address, who you are (401/403), flood
        // control by actor, then what you sent (415, then the body itself: 413, malformed 400),
        // then the request against the route's schemas in the contract (400).
        { provide: APP_GUARD, useClass: AddressRateLimitGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: ActorRateLimitGuard },
        { provide: APP_GUARD, useClass: ContentTypeGuard },
        { provide: APP_GUARD, useClass: BodyParserGuard },
        { provide: APP_GUARD, useClass: ContractGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
      exports: [APP_CONFIG],
    };
  }
}
