import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { mergeMap, type Observable } from 'rxjs';
import type { Operation } from '../contract/operation';
import { OPERATION } from '../http/route.decorator';
import { CONSISTENCY_TOKEN } from './consistency-token';
import { ReplicaSet } from './replica-set';

/**
 * Gives every successful command answer the primary's WAL position after it: a GET that sends it
 * back is served by a replica only once that replica has replayed it. An answer that appended
 * nothing (unchanged, or an idempotent replay) gets one too: what it shows was committed before,
 * so the token covers it, and a client need not tell the cases apart.
 */
@Injectable()
export class ConsistencyTokenInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly replicas: ReplicaSet,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const operation = this.reflector.get<Operation | undefined>(OPERATION, context.getHandler());
    if (operation?.tag !== 'commands') return next.handle();
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        if (response.statusCode >= 200 && response.statusCode < 300) {
          response.setHeader(CONSISTENCY_TOKEN, await this.replicas.commitPosition());
        }
        return body;
      }),
    );
  }
}
