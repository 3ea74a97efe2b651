import { formatLsn, hasReplayed, parseLsn } from './lsn';

describe('WAL positions (pg_lsn)', () => {
  it('reads the two hexadecimal halves as one 64-bit number', () => {
    expect(parseLsn('0/0')).toBe(0n);
    expect(parseLsn('0/16B3748')).toBe(0x16b3748n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    expect(parseLsn('FFFFFFFF/FFFFFFFF')).toBe(2n ** 64n - 1n);
    expect(parseLsn('a/b')).toBe((10n << 32n) + 11n);
  });

  it('orders as numbers, not as text', () => {
    expect(parseLsn('10/0')! > parseLsn('9/FFFFFFFF')!).toBe(true);
    expect(parseLsn('0/10000000')! > parseLsn('0/F000000')!).toBe(true);
    expect(hasReplayed(parseLsn('10/0'), parseLsn('9/FFFFFFFF')!)).toBe(true);
    expect(hasReplayed(parseLsn('9/FFFFFFFF'), parseLsn('10/0')!)).toBe(false);
    expect(hasReplayed(parseLsn('3/A0'), parseLsn('3/A0')!)).toBe(true);
    expect(hasReplayed(undefined, 0n)).toBe(false);
  });

  it('refuses anything else', () => {
    for (const bad of [
      '',
      '/',
      '0/',
      '/0',
      '0',
      '0/0/0',
      '123456789/0',
      '0/123456789',
      'G/0',
      ' 0/0',
      '0/0 ',
      '-1/0',
      '0x1/0',
      '1.5/0',
    ]) {
      expect(parseLsn(bad)).toBeUndefined();
    }
  });

  it('prints what it reads, as PostgreSQL does', () => {
    for (const text of ['0/0', '0/16B3748', '16/B374D848', 'FFFFFFFF/FFFFFFFF']) expect(formatLsn(parseLsn(text)!)).toBe(text);
    expect(formatLsn(parseLsn('00a/00b')!)).toBe('A/B');
  });
});
