/**
 * Preloaded into the API process (`-r`) when BENCH_COUNT_QUERIES=1: notes every statement the
 * app sends through `pg`, by its first words and the moment it was sent, and writes them to
 * BENCH_QUERY_COUNT_FILE when the process exits. Each one is a round trip to the database; the
 * benchmark counts those sent during the measured commands and divides by the commands.
 */
import { writeFileSync } from 'node:fs';
import { Client } from 'pg';

/** Statement → send times, in microseconds of the clock `monotonicMicros` reads in the benchmark. */
const sent = new Map<string, number[]>();
const file = process.env.BENCH_QUERY_COUNT_FILE;
const original = Client.prototype.query;

// pg's query has many overloads; the counter only peeks at the first argument and passes all on.
(Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: Client, ...args: unknown[]) {
  const [first] = args;
  const text = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '(other)');
  const key = text.replace(/\s+/g, ' ').trim().slice(0, 70);
  let times = sent.get(key);
  if (!times) sent.set(key, (times = []));
  times.push(Number(process.hrtime.bigint() / 1000n));
  return (original as (...args: unknown[]) => unknown).apply(this, args);
};

process.on('exit', () => {
  if (file) writeFileSync(file, JSON.stringify(Object.fromEntries(sent)));
});
