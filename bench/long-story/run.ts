import 'reflect-metadata';
import { Client } from 'pg';
import { issueToken } from '../../apps/newsroom-api/src/auth/token-issuer';
import { buildApi, startApi } from '../api/api-process';
import { SoakClient } from '../soak/http-client';
import { withBenchApi } from '../support/bench-api-session';
import { benchLogger, runBench } from '../support/bench-main';
import { EditorCalls } from './editor-calls';
import { printReport } from './report';
import { loadLongStorySettings } from './settings';
import { measureSize, type SizeFigures } from './size-figures';
import { LongStory } from './story';

const log = benchLogger('bench:long-story');

/**
 * Grows one story through the API, by find-and-replace edits, to each size in turn and measures
 * its reads and commands there: issue 20's question is whether the 10,000th edit costs what the
 * 100th did. Grown through HTTP rather than by appending to the log directly, so that the events
 * and read models are exactly the API's.
 */
async function main(): Promise<void> {
  const settings = loadLongStorySettings();
  if (settings.build) {
    log('compiling the API');
    buildApi(log);
  }
  const start = (databaseUrl: string, jwtSecret: string) => startApi({ databaseUrl, jwtSecret, logLevel: settings.logLevel });
  await withBenchApi(
    'newsroom_bench_long_story',
    start,
    async ({ api, database, jwtSecret }) => {
      const client = new SoakClient(api.baseUrl, 1);
      try {
        const editor = new EditorCalls(client, await issueToken(jwtSecret, { sub: 'bench-editor', roles: ['editor'] }));
        const measureAt = (story: LongStory, size: number) =>
          measureGrown(story, size, editor, api.pid, settings.calls, database.url);
        // Every call once through on a story of its own first: measured cold, the smallest size would
        // pay V8's warm-up and flatter every ratio.
        log('warming up on a story of 100 revisions');
        await measureAt(await LongStory.create(editor), 100);
        const story = await LongStory.create(editor);
        const figures: SizeFigures[] = [];
        for (const size of settings.sizes) figures.push(await measureAt(story, size));
        printReport(figures, settings.calls);
      } finally {
        client.close();
      }
    },
    log,
  );
}

/** Grows the story to `size`, lets the database settle and measures it there. */
async function measureGrown(
  story: LongStory,
  size: number,
  editor: EditorCalls,
  apiPid: number,
  calls: number,
  databaseUrl: string,
): Promise<SizeFigures> {
  const started = performance.now();
  // One more than measured: `measure` warms up with one revert.
  await story.plant(calls + 1);
  await story.growTo(size, log);
  log(`grown to ${story.revision} revisions in ${((performance.now() - started) / 1000).toFixed(0)} s; measuring`);
  await settle(databaseUrl);
  return measureSize(story, editor, apiPid, calls);
}

/**
 * VACUUM ANALYZE after the growth, as autovacuum would do over the days a story grows: run by
 * autovacuum during the measurement instead, it competed for the machine's two cores.
 */
async function settle(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('VACUUM (ANALYZE)');
  } finally {
    await client.end();
  }
}

runBench('bench:long-story', main);
