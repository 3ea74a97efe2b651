import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { finalize, from, Observable, switchMap } from 'rxjs';
import type { Operation } from '../contract/operation';
import { OPERATION } from '../http/route.decorator';
import { CONSISTENCY_TOKEN } from './consistency-token';
import { parseLsn } from './lsn';
import { ReadContext, runRead, SERVED_BY } from './read-routing';
import { ReplicaSet } from './replica-set';

/**
 * Chooses once, before a read's handler runs, which server answers it, and runs the handler in
 * that choice's context (read-routing.ts): the read models need not know replicas exist. Only
 * the contract's reads are routed; commands, /health and /metrics stay on the primary.
 */
@Injectable()
export class ReadRoutingInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly replicas: ReplicaSet,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const operation = this.reflector.get<Operation | undefined>(OPERATION, context.getHandler());
    if (operation?.tag !== 'reads') return next.handle();
    const http = context.switchToHttp();
    const response = http.getResponse<Response>();
    // The contract guard has refused a malformed token already (400).
    const header = http.getRequest<Request>().headers[CONSISTENCY_TOKEN.toLowerCase()];
    const token = typeof header === 'string' ? parseLsn(header.trim()) : undefined;
    return from(this.replicas.choose(token)).pipe(
      switchMap((replica) => {
        const read = new ReadContext(replica, (servedBy) => {
          if (!response.headersSent) response.setHeader(SERVED_BY, servedBy);
        });
        // handle() binds the handler to the async context it is called in: call it inside.
        return new Observable<unknown>((subscriber) => runRead(read, () => next.handle().subscribe(subscriber))).pipe(
          finalize(() => read.close()),
        );
      }),
    );
  }
}
