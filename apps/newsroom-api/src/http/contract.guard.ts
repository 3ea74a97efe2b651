import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Operation } from '../contract/operation';
import { RequestValidator, type ValidInput } from '../contract/request-validator';
import { type FieldError, ProblemException } from './problem';
import { OPERATION } from './route.decorator';

const validators = new Map<string, RequestValidator>();
const INPUT = Symbol('validated input');

type WithInput = Request & { [INPUT]?: ValidInput };

/**
 * Checks path, query, headers and body against the route's schemas in the contract: the same
 * schemas /docs-json publishes. It runs after the body parser, as the last guard; a refusal
 * is one 400 listing every field at fault.
 */
@Injectable()
export class ContractGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const operation = this.reflector.get<Operation | undefined>(OPERATION, context.getHandler());
    if (!operation) return true;
    const request = context.switchToHttp().getRequest<WithInput>();
    const validation = validatorOf(operation).validate({
      params: request.params as Record<string, string>,
      query: request.query as Record<string, unknown>,
      headers: request.headers,
      body: request.body,
      mediaType: request.headers['content-type']?.split(';')[0].trim().toLowerCase(),
    });
    if (!validation.valid) throw invalid(validation.errors);
    request[INPUT] = validation.input;
    return true;
  }
}

function validatorOf(operation: Operation): RequestValidator {
  let validator = validators.get(operation.operationId);
  if (!validator) validators.set(operation.operationId, (validator = new RequestValidator(operation)));
  return validator;
}

export function invalid(errors: FieldError[]): ProblemException {
  const detail = errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ');
  return ProblemException.of(400, 'ValidationFailed', 'Validation failed', detail || 'The request is invalid.', { errors });
}

/** The request's path, query or body as the contract guard validated them. */
export const Valid = createParamDecorator((part: keyof ValidInput, context: ExecutionContext) => {
  const input = context.switchToHttp().getRequest<WithInput>()[INPUT];
  if (!input) throw new Error('No validated input: the route has no @Route operation');
  return input[part];
});
