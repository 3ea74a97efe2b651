import { Controller, HttpStatus, HttpCode, Inject, Req } from '@nestjs/common';
import type { Role } from '@newsroom/articles';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Valid } from '../http/contract.guard';
import { ProblemException } from '../http/problem';
import { Route } from '../http/route.decorator';
import { localTokenLifetime, signingSecret } from './signing';
import { issueToken } from './token-issuer';

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 addresses (a dual-stack listener's view). */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const ipv4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ipv4);
}

/**
 * The desk's one-click sign-in on a newcomer's machine, mounted only on the embedded default
 * (AppModule). Anyone who can reach loopback there can read the editor token from the start-up
 * banner already; a request from elsewhere is told the route does not exist.
 */
@Controller()
export class LocalSignInController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Route('localSignIn')
  @HttpCode(HttpStatus.CREATED)
  async signIn(@Valid('body') { role }: { role: Role }, @Req() request: Request) {
    if (!isLoopback(request.socket.remoteAddress)) {
      throw ProblemException.of(404, 'NotFound', 'Not found', 'Cannot POST /local-sign-in');
    }
    const sub = `local-${role}`;
    const name = `Local ${role}`;
    const token = await issueToken(signingSecret(this.config), {
      sub,
      name,
      roles: [role],
      expiresIn: localTokenLifetime(this.config),
    });
    return { token, sub, name, roles: [role] };
  }
}
