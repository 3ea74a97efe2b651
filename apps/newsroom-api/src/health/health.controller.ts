import { Controller, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CorrectionsFollower } from '../articles/projections/corrections-follower';
import { Route } from '../http/route.decorator';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  database: 'up' | 'down';
  /** Events in the log that the asynchronous read models (the corrections feed) have not handled yet. */
  projections: { lag: number | null };
}

@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly corrections: CorrectionsFollower,
  ) {}

  @Route('health')
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'ok', database: 'up', projections: { lag: await this.corrections.lag() } };
    } catch {
      response.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'unavailable', database: 'down', projections: { lag: null } };
    }
  }
}
