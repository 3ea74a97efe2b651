import { createHash } from 'node:crypto';

/**
 * A name-based UUID (RFC 9562 §5.5, version 5: SHA-1) of `name` within the namespace `namespace`
 * (itself a UUID). The same inputs give the same id on every server and every run, which is what
 * a feed entry's id must be: readers use it to tell a new entry from one they have shown.
 */
export function nameBasedUuid(namespace: string, name: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
