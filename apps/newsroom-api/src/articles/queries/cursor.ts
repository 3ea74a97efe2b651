import { ProblemException } from '../../http/problem';

/** What each part of a cursor must be; a forged cursor never reaches SQL. */
export type CursorPart = 'time' | 'uuid' | 'revision' | 'position' | 'newest-first';

const VALID: Record<CursorPart, (value: unknown) => boolean> = {
  time: (value) => typeof value === 'string' && isRealMoment(value),
  uuid: (value) => typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value),
  revision: (value) => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 2_147_483_647,
  position: (value) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0,
  // Marks a cursor of a newest-first page, so that it cannot be read in the other order.
  'newest-first': (value) => value === 'desc',
};

/**
 * A UTC time PostgreSQL takes as it is. Date.parse rolls 30 February over to 1 March and knows
 * a year 0 that timestamptz does not: either one used to reach SQL and fail there, a 500.
 */
function isRealMoment(value: string): boolean {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,6})?Z$/.exec(value);
  const time = Date.parse(value);
  return match !== null && !value.startsWith('0000') && !Number.isNaN(time) && new Date(time).toISOString().startsWith(match[1]);
}

/** Cursors are opaque to clients: base64url JSON of the last item's sort key. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, shape: CursorPart[]): unknown[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === shape.length && key.every((part, i) => VALID[shape[i]](part))) return key;
  } catch {
    // fall through to the 400 below
  }
  throw ProblemException.of(400, 'MalformedCursor', 'Bad request', 'The cursor is not one this API handed out.', {
    errors: [{ field: 'cursor', message: 'cursor is malformed' }],
  });
}
