import { readFileSync } from 'node:fs';

/** The SQL of one event row: $1 is the stream id and $2 the revision, `values` fill the rest. */
export interface EventRowInsert {
  text: string;
  values: string[];
}

/**
 * What the floor app answers and writes, handed over in a file by the benchmark: the JSON a read
 * of a sample article answers (so that the floor serialises the same document as the API) and the
 * raw baseline's INSERT of the command's event row, and an article to read from the database.
 */
export interface FloorFixtures {
  document: unknown;
  insert: EventRowInsert;
  /** The article whose document the bare SELECT endpoint reads, as a read of it does. */
  articleId: string;
}

/** The environment variable naming the fixtures file. */
export const FIXTURES_ENV = 'BENCH_FLOOR_FIXTURES';

export function readFloorFixtures(path: string | undefined): FloorFixtures {
  if (!path) throw new Error(`${FIXTURES_ENV} must name the floor's fixtures file`);
  return JSON.parse(readFileSync(path, 'utf8')) as FloorFixtures;
}
