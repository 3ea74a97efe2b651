import 'reflect-metadata';
import { Pool } from 'pg';
import { runMigrations } from '@newsroom/database';
import { EventStore } from '@newsroom/event-store';
import { createBenchDatabase } from '../support/bench-database';
import { type AppendComparison, compareAppends } from './appends';
import { type CatchUpRun, seedLog, timeReadAll, timeSubscription } from './catch-up';
import { CORRECTION_ROW } from './payload';
import { printAppendRound, printAppendSummary, printCatchUp } from './report';
import { loadStoreBenchSettings, type StoreBenchSettings } from './settings';
import { runBench } from '../support/bench-main';

const CONCURRENCIES = [1, 16];

/**
 * `npm run bench:store`: the event store's appends against plain INSERTs of the same payload at
 * the same concurrency, then a follower catching up on a long log. Not a test: it prints figures.
 */
async function main(): Promise<void> {
  const settings = loadStoreBenchSettings();
  const database = await createBenchDatabase('newsroom_bench_store');
  process.once('SIGINT', () => void database.drop().finally(() => process.exit(130)));
  try {
    console.log(
      `database ${database.name} on ${database.server}; ${settings.seconds} s per case ` +
        `in turns of ${settings.sliceMs} ms, ${settings.rounds} round(s)`,
    );
    await runMigrations(database.url);
    const comparisons: AppendComparison[] = [];
    for (let round = 1; round <= settings.rounds; round++) {
      const thisRound: AppendComparison[] = [];
      for (const writers of CONCURRENCIES)
        thisRound.push(await compareAppends(database.url, writers, settings, `r${round}w${writers}`));
      printAppendRound(round, thisRound);
      comparisons.push(...thisRound);
    }
    printAppendSummary(comparisons);
    await catchUp(database.url, settings);
  } finally {
    await database.drop();
  }
}

async function catchUp(url: string, settings: StoreBenchSettings): Promise<void> {
  const pool = new Pool({ connectionString: url, max: 4 });
  try {
    const store = new EventStore(pool);
    const start = await seedLog(pool, CORRECTION_ROW, settings.catchUpEvents);
    const reads: CatchUpRun[] = [];
    const subscriptions: CatchUpRun[] = [];
    for (let round = 1; round <= settings.rounds; round++) {
      reads.push(await timeReadAll(store, start, settings.catchUpEvents, settings.batchSize));
      subscriptions.push(await timeSubscription(store, pool, start, settings.catchUpEvents, settings.batchSize));
    }
    console.log(`\nfollower catching up (batches of ${settings.batchSize})`);
    printCatchUp('readAll loop', reads);
    printCatchUp('Subscription (checkpoint per batch)', subscriptions);
  } finally {
    await pool.end();
  }
}

runBench('bench:store', main);
