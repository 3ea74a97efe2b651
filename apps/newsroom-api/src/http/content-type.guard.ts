import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { CONSUMES } from './consumes.decorator';
import { ProblemException } from './problem';

const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Refuses a body of a media type the route does not take (415) before any work is done. */
@Injectable()
export class ContentTypeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (BODYLESS_METHODS.has(request.method) || !hasBody(request)) return true;
    const accepted = this.reflector.getAllAndOverride<string[] | undefined>(CONSUMES, [
      context.getHandler(),
      context.getClass(),
    ]) ?? ['application/json'];
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (accepted.includes(mediaType)) return true;
    throw ProblemException.of(
      415,
      'UnsupportedMediaType',
      'Unsupported media type',
      `This endpoint takes ${accepted.join(' or ')}${mediaType ? `, not ${mediaType}` : '; the Content-Type header is missing'}.`,
    );
  }
}

export function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
