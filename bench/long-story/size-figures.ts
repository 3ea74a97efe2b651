import { encodeCursor } from '../../apps/newsroom-api/src/articles/queries/cursor';
import { HISTORY_PAGE_SIZE } from '../../apps/newsroom-api/src/contract/read-operations';
import { residentKiB } from '../soak/rss';
import type { EditorCalls } from './editor-calls';
import { type CallFigures, measure } from './measure';
import type { LongStory } from './story';

/** Everything measured on the story at one size. */
export interface SizeFigures {
  /** The story's revisions when the reads were measured (the commands add some). */
  revisions: number;
  calls: Record<string, CallFigures>;
  /** The API's resident set just before and just after the /audit calls. */
  rssKiB: { beforeAudit: number; afterAudit: number };
}

export const AUDIT = 'GET /audit';
export const REVERT = 'revert of an early change';

/**
 * The reads of issue 20's table, then a text correction, a revert of an early change that later
 * edits did not touch, and a restore to revision 2 (each undone, unmeasured, by a restore to the
 * revision before it).
 */
export async function measureSize(story: LongStory, api: EditorCalls, apiPid: number, calls: number): Promise<SizeFigures> {
  const n = story.revision;
  const article = `/articles/${story.id}`;
  const reads: Array<[string, string]> = [
    ['GET /articles/{id}', article],
    ['?revision=2', `${article}?revision=2`],
    ['?revision=n/2', `${article}?revision=${Math.floor(n / 2)}`],
    ['/revisions/{n-1}', `${article}/revisions/${n - 1}`],
    ['/diff?from=1&to=n', `${article}/diff?from=1&to=${n}`],
    ['history, first page', `${article}/revisions`],
    ['history, last page', `${article}/revisions?cursor=${encodeCursor([n - HISTORY_PAGE_SIZE])}`],
    ['/events, first page', `${article}/events`],
  ];
  const figures: Record<string, CallFigures> = {};
  for (const [name, path] of reads) figures[name] = await measure(apiPid, calls, () => api.get(path));
  const beforeAudit = residentKiB(apiPid);
  figures[AUDIT] = await measure(apiPid, calls, () => api.get(`${article}/audit`));
  const rssKiB = { beforeAudit, afterAudit: residentKiB(apiPid) };
  figures['text correction'] = await measure(apiPid, calls, () => story.correct());
  figures[REVERT] = await measure(apiPid, calls, () => story.revertPlanted());
  figures['restore to revision 2'] = await measure(
    apiPid,
    calls,
    () => story.restore(2),
    () => story.restore(story.revision - 1),
  );
  return { revisions: n, calls: figures, rssKiB };
}
