import { refusesToken, renewalDelayMs } from './token-expiry';

describe('renewing a provider’s token', () => {
  it('goes back through the provider a minute before a long-lived token ends', () => {
    expect(renewalDelayMs(3600)).toBe(3_540_000);
    expect(renewalDelayMs(300)).toBe(240_000);
  });

  it('keeps a fifth of a short token’s life in hand', () => {
    expect(renewalDelayMs(100)).toBe(80_000);
    expect(renewalDelayMs(10)).toBe(8_000);
  });

  it('never sooner than 5 s, so that a token that lives for nothing cannot make the desk loop', () => {
    expect(renewalDelayMs(3)).toBe(5_000);
    expect(renewalDelayMs(0)).toBe(5_000);
  });
});

describe('a refused token', () => {
  it('is a 401 whose challenge says invalid_token (RFC 6750)', () => {
    expect(refusesToken(401, 'Bearer realm="newsroom", error="invalid_token"')).toBe(true);
    expect(refusesToken(401, 'Bearer error=invalid_token')).toBe(true);
  });

  it('is not a 401 for a request without a token, nor another status', () => {
    expect(refusesToken(401, 'Bearer realm="newsroom"')).toBe(false);
    expect(refusesToken(401, null)).toBe(false);
    expect(refusesToken(403, 'Bearer realm="newsroom", error="invalid_token"')).toBe(false);
    expect(refusesToken(401, 'Bearer realm="newsroom", error="invalid_tokens"')).toBe(false);
  });
});
