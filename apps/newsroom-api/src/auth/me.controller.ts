import { Controller } from '@nestjs/common';
import type { operations } from '@newsroom/api-client';
import { Route } from '../http/route.decorator';
import type { AuthenticatedActor } from './actor';
import { CurrentActor } from './access.decorators';

export type WhoAmIAnswer = operations['whoAmI']['responses'][200]['content']['application/json'];

/** GET /me: the caller as the auth guard verified them, roles already mapped from the provider's groups. */
@Controller()
export class MeController {
  @Route('whoAmI')
  whoAmI(@CurrentActor() actor: AuthenticatedActor): WhoAmIAnswer {
    return { actor: actor.id, name: actor.name ?? null, roles: [...actor.roles] };
  }
}
