import { createHash, type Hash } from 'node:crypto';
import type { Client, PoolClient } from 'pg';

/**
 * The log's digests and hash chain computed here, byte for byte as the database computes them
 * (migrations RedactableEventDigests and InlineEventHash; the store's APPEND supplies them the
 * same way), so that a bulk load can hand every row its salt, digest and hash and the chain's
 * row trigger, which fills only what an insert leaves empty, never runs: one PL/pgSQL call and
 * one index probe per row was what held the load to ~2,500 events/s.
 */

/**
 * event_content_digest(salt, data, metadata): SHA-256 of the salt, then `data::text || E'\n' ||
 * metadata::text` in UTF-8. The hash is returned unfinished so that a caller can feed the text in
 * pieces (most of a row's text is the same from one article to the next).
 */
export function contentDigestOf(salt: Buffer): Hash {
  return createHash('sha256').update(salt);
}

/**
 * event_hash(revision, type, content_digest, previous): SHA-256 of `revision || E'\n' || type ||
 * E'\n' || encode(content_digest, 'hex') || E'\n' || encode(previous, 'hex')`; `previous` is
 * empty before a stream's first event.
 */
export function eventHash(revision: number, type: string, contentDigest: Buffer, previous: Buffer): Buffer {
  return createHash('sha256')
    .update(`${revision}\n${type}\n${contentDigest.toString('hex')}\n${previous.toString('hex')}`, 'utf8')
    .digest();
}

/**
 * The text PostgreSQL prints for each JSON value as jsonb (keys by length then bytes, its own
 * spacing and number forms): the digest is over that text, not over JSON.stringify's. Asked of
 * the server itself rather than imitated.
 */
export async function jsonbTexts(client: Client | PoolClient, json: readonly string[]): Promise<string[]> {
  const { rows } = await client.query<{ text: string }>(
    'SELECT j::jsonb::text AS text FROM unnest($1::text[]) WITH ORDINALITY AS u(j, n) ORDER BY n',
    [json],
  );
  return rows.map((row) => row.text);
}
