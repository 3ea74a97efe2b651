import { type DynamicModule, Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import type { AppConfig } from '../config/app-config';
import { MetricsController } from './metrics.controller';
import { MetricsTokenGuard } from './metrics-token.guard';
import { METRICS, NewsroomMetrics } from './newsroom-metrics';
import { ScrapedGauges } from './scraped-gauges';

/**
 * Prometheus metrics, on when METRICS_TOKEN is set. Off, `METRICS` is null, nothing is measured
 * and GET /metrics does not exist (404). Global: the request log, the command path and the event
 * store take `METRICS` wherever they are.
 */
@Module({})
export class MetricsModule {
  static forConfig(config: AppConfig): DynamicModule {
    if (!config.metricsToken) {
      return { module: MetricsModule, global: true, providers: [{ provide: METRICS, useValue: null }], exports: [METRICS] };
    }
    return {
      module: MetricsModule,
      global: true,
      imports: [ArticlesModule],
      controllers: [MetricsController],
      providers: [{ provide: METRICS, useFactory: () => new NewsroomMetrics() }, ScrapedGauges, MetricsTokenGuard],
      exports: [METRICS],
    };
  }
}
