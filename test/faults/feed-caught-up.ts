import { setTimeout as sleep } from 'node:timers/promises';
import { call } from './command-load';

/**
 * Waits until the asynchronous corrections feed has handled the whole log: `GET /corrections`
 * waits for the follower (a while), `/health` then says how far behind it still is.
 */
export async function feedCaughtUp(baseUrl: string, token: string, deadlineMs = 15_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  const feed = await call(baseUrl, token, 'GET', '/corrections?limit=1');
  if (feed.status !== 200) throw new Error(`GET /corrections answered ${feed.status}`);
  for (;;) {
    const health = await call(baseUrl, token, 'GET', '/health');
    const lag = (health.body as { projections?: { lag?: number } } | undefined)?.projections?.lag;
    if (health.status === 200 && lag === 0) return;
    if (Date.now() > deadline)
      throw new Error(`the corrections feed did not catch up: /health ${health.status} ${JSON.stringify(health.body)}`);
    await sleep(50);
  }
}
