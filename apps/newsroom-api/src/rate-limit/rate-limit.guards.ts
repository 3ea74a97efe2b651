import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerRequest } from '@nestjs/throttler';
import { ProblemException } from '../http/problem';

export const PER_ADDRESS = 'address';
export const PER_ACTOR = 'actor';

/**
 * One guard per throttler, so that each runs where its key is known: the address before
 * authentication (floods of bad tokens are limited too), the actor after it.
 */
abstract class OneThrottlerGuard extends ThrottlerGuard {
  protected abstract readonly throttlerName: string;

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    return request.throttler.name === this.throttlerName ? super.handleRequest(request) : true;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new ProblemException(
      {
        type: '/problems/rate-limited',
        title: 'Too many requests',
        status: 429,
        detail: `More than ${detail.limit} requests in ${Math.round(detail.ttl / 1000)} s (per ${this.throttlerName}); retry in ${seconds} s.`,
      },
      { 'Retry-After': String(seconds) },
    );
  }
}

@Injectable()
export class AddressRateLimitGuard extends OneThrottlerGuard {
  protected readonly throttlerName = PER_ADDRESS;
}

@Injectable()
export class ActorRateLimitGuard extends OneThrottlerGuard {
  protected readonly throttlerName = PER_ACTOR;
}
