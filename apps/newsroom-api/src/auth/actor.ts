import type { Actor, Role } from '@newsroom/articles';

export const ROLES: readonly Role[] = ['reporter', 'editor', 'auditor', 'legal'];

/** The authenticated caller, from the bearer token. */
export interface AuthenticatedActor extends Actor {
  name?: string;
}
