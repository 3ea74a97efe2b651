import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const VALID_ID = /^[\x21-\x7e]{1,200}$/;

/**
 * Echoes a sane X-Request-Id or makes one; commands record it as the event's correlation id.
 * Mounted on Express itself, before anything else, so that every answer carries it (docs and
 * answers Nest never routes too).
 */
export function requestId(request: Request, response: Response, next: NextFunction): void {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && VALID_ID.test(given) ? given : randomUUID();
  request.headers['x-request-id'] = id;
  response.setHeader('X-Request-Id', id);
  next();
}

export function requestIdOf(request: Request): string {
  return String(request.headers['x-request-id']);
}
