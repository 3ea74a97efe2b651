import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ProblemException } from '../http/problem';

/** The realm of the metrics token's challenge: not the newsroom's, whose tokens it does not take. */
export const METRICS_REALM = 'metrics';

/**
 * GET /metrics answers to METRICS_TOKEN sent as a bearer token, and to nothing else: not to a
 * newsroom JWT, whose holders are editors, not scrapers. The token is compared in constant time
 * (over SHA-256 digests, so that its length does not show either).
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (!config.metricsToken) throw new Error('MetricsTokenGuard needs METRICS_TOKEN');
    this.expected = digest(config.metricsToken);
  }

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<Request>().headers.authorization;
    const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
    if (match && timingSafeEqual(digest(match[1]), this.expected)) return true;
    throw new ProblemException(
      {
        type: '/problems/unauthorized',
        title: 'Unauthorized',
        status: 401,
        detail: match ? 'The metrics token is not the one configured (METRICS_TOKEN).' : 'The metrics token is required.',
      },
      { 'WWW-Authenticate': `Bearer realm="${METRICS_REALM}"${match ? ', error="invalid_token"' : ''}` },
    );
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
