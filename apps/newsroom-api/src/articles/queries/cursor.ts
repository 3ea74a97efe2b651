import { ProblemException } from '../../http/problem';

/** Cursors are opaque to clients: base64url JSON of the last item's sort key. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, shape: Array<'string' | 'number'>): unknown[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === shape.length && key.every((part, i) => typeof part === shape[i])) return key;
  } catch {
    // fall through to the 400 below
  }
  throw ProblemException.of(400, 'MalformedCursor', 'Bad request', 'The cursor is not one this API handed out.', {
    errors: [{ field: 'cursor', message: 'cursor is malformed' }],
  });
}
