import { isLoopback } from './local-sign-in.controller';

describe('isLoopback: who may use the one-click sign-in', () => {
  it('takes this machine’s addresses, IPv4, IPv6 and IPv4-mapped', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'].map(isLoopback)).toEqual([true, true, true, true]);
  });

  it('refuses every other address, and none', () => {
    const others = ['192.0.2.2', '::ffff:192.0.2.2', 'fd00::2', '10.127.0.1', '127.0.0.1.evil', '::2', '', undefined];
    expect(others.map(isLoopback)).toEqual(others.map(() => false));
  });
});
