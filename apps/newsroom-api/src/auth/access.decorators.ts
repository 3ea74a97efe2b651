import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@newsroom/articles';
import type { Request } from 'express';
import type { AuthenticatedActor } from './actor';

export const PUBLIC = 'newsroom:public';
export const ROLES_ALLOWED = 'newsroom:roles';

/** No token needed (health and docs). */
export const Public = () => SetMetadata(PUBLIC, true);

/** Any one of these roles may call the route. */
export const Allow = (...roles: Role[]) => SetMetadata(ROLES_ALLOWED, roles);

/** The caller, as the auth guard verified it. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  actorOf(context.switchToHttp().getRequest()),
);

export function actorOf(request: Request): AuthenticatedActor {
  const actor = (request as Request & { actor?: AuthenticatedActor }).actor;
  if (!actor) throw new Error('No authenticated actor on this request');
  return actor;
}
