import { type DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule, type ThrottlerOptions } from '@nestjs/throttler';
import type { AppConfig } from '../config/app-config';
import { PER_ACTOR, PER_ADDRESS } from './rate-limit.guards';

const MINUTE = 60_000;

/** Limits per minute, from RATE_LIMIT_PER_ACTOR and RATE_LIMIT_PER_ADDRESS (0 turns one off). */
@Module({})
export class RateLimitModule {
  static forConfig(config: AppConfig): DynamicModule {
    const { perActorPerMinute, perAddressPerMinute } = config.rateLimit;
    // A limit of 0 registers no throttler at all: an unlimited one would still record every hit,
    // and the in-memory store filters a key's whole minute of hits on each request.
    const throttlers: Array<ThrottlerOptions & { limit: number }> = [
      {
        name: PER_ADDRESS,
        ttl: MINUTE,
        limit: perAddressPerMinute,
        getTracker: (req) => String(req.ip ?? 'unknown'),
      },
      {
        name: PER_ACTOR,
        ttl: MINUTE,
        limit: perActorPerMinute,
        getTracker: (req) => (req.actor ? `actor:${(req.actor as { id: string }).id}` : `anonymous:${String(req.ip)}`),
      },
    ];
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRoot({
          setHeaders: false,
          skipIf: () => false,
          throttlers: throttlers.filter((throttler) => throttler.limit > 0),
        }),
      ],
      exports: [ThrottlerModule],
    };
  }
}
