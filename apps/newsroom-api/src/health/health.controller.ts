import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CorrectionsFollower } from '../articles/projections/corrections-follower';
import { Public } from '../auth/access.decorators';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  database: 'up' | 'down';
  /** Events in the log that the asynchronous read models (the corrections feed) have not handled yet. */
  projections: { lag: number | null };
}

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly corrections: CorrectionsFollower,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Liveness and readiness: { status, database, projections: { lag } }; 503 when the database is unreachable',
  })
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
