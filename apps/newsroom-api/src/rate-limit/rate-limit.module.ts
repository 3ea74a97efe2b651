import { type DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import type { AppConfig } from '../config/app-config';
import { PER_ACTOR, PER_ADDRESS } from './rate-limit.guards';

const MINUTE = 60_000;

/** Limits per minute, from RATE_LIMIT_PER_ACTOR and RATE_LIMIT_PER_ADDRESS (0 turns one off). */
@Module({})
export class RateLimitModule {
  static forConfig(config: AppConfig): DynamicModule {
    const { perActorPerMinute, perAddressPerMinute } = config.rateLimit;
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRoot({
          setHeaders: false,
          skipIf: () => false,
          throttlers: [
            {
              name: PER_ADDRESS,
              ttl: MINUTE,
              limit: perAddressPerMinute || Number.MAX_SAFE_INTEGER,
              getTracker: (req) => String(req.ip ?? 'unknown'),
            },
            {
              name: PER_ACTOR,
              ttl: MINUTE,
              limit: perActorPerMinute || Number.MAX_SAFE_INTEGER,
              getTracker: (req) => (req.actor ? `actor:${(req.actor as { id: string }).id}` : `anonymous:${String(req.ip)}`),
            },
          ],
        }),
      ],
      exports: [ThrottlerModule],
    };
  }
}
