/**
 * The history is shown newest first, a page at a time, but GET /articles/{id}/revisions pages oldest
 * first. Knowing the latest revision, the desk asks for the page that ends there.
 *
 * API gap: the cursor is documented as opaque; this builds one in the form the API hands out
 * (base64url JSON of the last revision seen). A `?order=desc` or `?before=N` parameter would remove
 * this. Everything else treats cursors as opaque.
 */
export interface PageRequest {
  /** Entries after this revision… */
  after: number;
  /** …this many of them. */
  limit: number;
}

export function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function cursorAfter(revision: number): string | undefined {
  return revision <= 0 ? undefined : base64url(JSON.stringify([revision]));
}

/** The newest page: the last `pageSize` revisions up to `latest`. */
export function newestPage(latest: number, pageSize: number): PageRequest {
  const after = Math.max(0, latest - pageSize);
  return { after, limit: latest - after };
}

/** The page just older than the oldest shown, or undefined when revision 1 is already shown. */
export function olderPage(oldestShown: number, pageSize: number): PageRequest | undefined {
  if (oldestShown <= 1) return undefined;
  const after = Math.max(0, oldestShown - 1 - pageSize);
  return { after, limit: oldestShown - 1 - after };
}
