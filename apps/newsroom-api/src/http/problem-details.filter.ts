import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { toProblem } from './problem-mapping';
import { requestIdOf } from './request-id';

/** The one place where any error becomes HTTP: problem+json, never a stack trace. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problems');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { problem, headers } = toProblem(error);
    // Named by its request id, which the request's own log line and the client's answer carry too.
    if (problem.status >= 500)
      this.logger.error(`request ${requestIdOf(host.switchToHttp().getRequest<Request>())}: ${describe(error)}`);
    if (response.headersSent) return;
    response.status(problem.status).set(headers).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
}
