import { Controller, Inject, Req } from '@nestjs/common';
import type { operations } from '@newsroom/api-client';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Route } from '../http/route.decorator';
import { isLoopback } from './local-sign-in.controller';

/** GET /sign-in-options's answer, typed by the contract. */
export type SignInOptionsAnswer = operations['signInOptions']['responses'][200]['content']['application/json'];

/** What this server offers a caller at `remoteAddress`: the desk asks before it holds a token. */
export function signInOptions(config: AppConfig, remoteAddress: string | undefined): SignInOptionsAnswer {
  const oidc = config.identity?.oidc;
  const desk = oidc?.desk;
  return {
    provider:
      oidc && desk
        ? {
            issuer: oidc.issuer,
            name: desk.providerName,
            clientId: desk.clientId,
            scope: desk.scope,
            ...(desk.resource ? { resource: desk.resource } : {}),
          }
        : null,
    // POST /local-sign-in exists on the embedded default and answers only from loopback.
    localSignIn: config.localSignIn === true && isLoopback(remoteAddress),
    pasteToken: true,
  };
}

@Controller()
export class SignInOptionsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Route('signInOptions')
  options(@Req() request: Request): SignInOptionsAnswer {
    return signInOptions(this.config, request.socket.remoteAddress);
  }
}
