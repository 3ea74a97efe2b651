/**
 * RUN_PROJECTORS: whether the API runs the projectors (the corrections feed's follower) itself.
 * On by default, so that one process is the whole newsroom; `false` where projector processes
 * (`npm run projector`) run them. Either way only the lease's holder handles a subscription, so a
 * wrong value costs standby connections or a stalled feed, never a feed written twice.
 */
export function parseRunProjectors(value: string | undefined): boolean {
  const setting = value?.trim().toLowerCase();
  if (setting === undefined || setting === '' || setting === 'true') return true;
  if (setting === 'false') return false;
  throw new Error(`RUN_PROJECTORS must be "true" or "false", got "${value}"`);
}
