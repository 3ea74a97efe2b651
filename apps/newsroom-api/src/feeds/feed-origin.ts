import type { Request } from 'express';

/** A host name, IPv4 or bracketed IPv6 address, with an optional port: nothing else goes into a link. */
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The origin the feed's links are written against: the one the reader asked (Atom wants absolute
 * IRIs, and a feed fetched through a proxy or another name must link back the same way). A Host
 * header that is not a plain host name or address is not echoed: the links then name localhost.
 */
export function feedOrigin(request: Request): string {
  const host = request.headers.host;
  return `${request.protocol}://${host && HOST.test(host) ? host : 'localhost'}`;
}
