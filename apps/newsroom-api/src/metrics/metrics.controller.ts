import { Controller, Inject, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { Route } from '../http/route.decorator';
import { MetricsTokenGuard } from './metrics-token.guard';
import { METRICS, type NewsroomMetrics } from './newsroom-metrics';

/** Prometheus's scrape target; mounted only when METRICS_TOKEN is set (MetricsModule). */
@Controller()
@UseGuards(MetricsTokenGuard)
export class MetricsController {
  constructor(@Inject(METRICS) private readonly metrics: NewsroomMetrics) {}

  @Route('metrics')
  async scrape(@Res({ passthrough: true }) response: Response): Promise<string> {
    const text = await this.metrics.render();
    // Set after rendering: express would otherwise add a charset of its choosing to a bare type.
    response.setHeader('Content-Type', this.metrics.contentType);
    response.setHeader('Cache-Control', 'no-store');
    return text;
  }
}
