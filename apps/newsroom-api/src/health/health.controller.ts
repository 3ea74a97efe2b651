import { Controller, HttpStatus, Optional, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CorrectionsFollower } from '../articles/projections/corrections-follower';
import { Route } from '../http/route.decorator';
import type { ReplicaHealth } from '../replicas/replica';
import { ReplicaSet } from '../replicas/replica-set';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  database: 'up' | 'down';
  /** Events in the log that the asynchronous read models (the corrections feed) have not handled yet. */
  projections: { lag: number | null };
  /** With DATABASE_REPLICA_URLS only: each replica's state and lag as the probe last saw them. */
  replicas?: ReplicaHealth[];
}

@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly corrections: CorrectionsFollower,
    @Optional() private readonly replicas?: ReplicaSet,
  ) {}

  @Route('health')
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'ok', database: 'up', projections: { lag: await this.corrections.lag() }, ...this.replicaReport() };
    } catch {
      response.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'unavailable', database: 'down', projections: { lag: null }, ...this.replicaReport() };
    }
  }

  /** Replicas do not decide the API's health: without any, reads go to the primary. */
  private replicaReport(): Pick<HealthReport, 'replicas'> {
    return this.replicas ? { replicas: this.replicas.health() } : {};
  }
}
