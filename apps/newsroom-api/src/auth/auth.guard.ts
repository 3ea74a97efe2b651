import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@newsroom/articles';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ProblemException } from '../http/problem';
import type { AuthenticatedActor } from './actor';
import { PUBLIC, ROLES_ALLOWED } from './access.decorators';
import { verifyingSecrets } from './signing';
import { TokenVerifier } from './token-verifier';

/** Every route needs a valid token (401) and, where it names roles, one of them (403). */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verifier: TokenVerifier;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.verifier = new TokenVerifier({ secrets: verifyingSecrets(config), identity: config.identity });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { actor?: AuthenticatedActor }>();
    const actor = await this.verifier.verify(request.headers.authorization);
    request.actor = actor;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_ALLOWED, targets);
    if (allowed && !allowed.some((role) => actor.roles.includes(role))) {
      throw ProblemException.of(403, 'Forbidden', 'Forbidden', `This needs one of the roles: ${allowed.join(', ')}.`);
    }
    return true;
  }
}
