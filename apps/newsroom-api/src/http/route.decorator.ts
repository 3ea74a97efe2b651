import { applyDecorators, RequestMethod, RequestMapping, SetMetadata } from '@nestjs/common';
import { Allow, Public } from '../auth/access.decorators';
import type { Operation } from '../contract/operation';
import { operationById } from '../contract/operations';
import { Consumes } from './consumes.decorator';

export const OPERATION = 'newsroom:operation';

const METHODS = { get: RequestMethod.GET, post: RequestMethod.POST, put: RequestMethod.PUT, delete: RequestMethod.DELETE };

/**
 * Routes a handler as the contract's operation says: its method and path, who may call it,
 * the media types it takes, and (through the contract guard) the schemas its requests must meet.
 */
export function Route(operationId: string): MethodDecorator {
  const operation = operationById(operationId);
  const access = operation.access === 'public' ? [Public()] : Array.isArray(operation.access) ? [Allow(...operation.access)] : [];
  const mediaTypes = Object.keys(operation.body?.content ?? {});
  return applyDecorators(
    RequestMapping({ path: nestPath(operation.path), method: METHODS[operation.method] }),
    SetMetadata(OPERATION, operation),
    ...access,
    ...(mediaTypes.length > 0 ? [Consumes(...mediaTypes)] : []),
  );
}

/** /articles/{id} → /articles/:id */
function nestPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

export type { Operation };
