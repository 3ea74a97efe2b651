/**
 * A WAL position (pg_lsn) as PostgreSQL prints it, `16/B374D848`: the high and low 32 bits in
 * hexadecimal. Compared as one 64-bit number: text would order `9/0` after `10/0`.
 */
export type Lsn = bigint;

/** The Consistency-Token header's syntax, for the contract: what PostgreSQL prints, either case. */
export const LSN_PATTERN = '^[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}$';
const LSN = new RegExp(LSN_PATTERN);

/** The position, or undefined for anything that is not an LSN. */
export function parseLsn(text: string): Lsn | undefined {
  if (!LSN.test(text)) return undefined;
  const [high, low] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) | BigInt(`0x${low}`);
}

/** As PostgreSQL prints it (upper-case hex, no leading zeros), so that it reads back as a pg_lsn. */
export function formatLsn(lsn: Lsn): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

/** True when a server that has replayed up to `replayed` shows everything committed up to `wanted`. */
export function hasReplayed(replayed: Lsn | undefined, wanted: Lsn): boolean {
  return replayed !== undefined && replayed >= wanted;
}
