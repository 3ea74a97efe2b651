import { loadSettings } from '../config/settings';

describe('METRICS_TOKEN', () => {
  it('is unset (no /metrics) when absent or blank', () => {
    expect(loadSettings({}).metricsToken).toBeUndefined();
    expect(loadSettings({ METRICS_TOKEN: '  ' }).metricsToken).toBeUndefined();
  });

  it('is taken as given when long enough, trimmed', () => {
    expect(loadSettings({ METRICS_TOKEN: ' 0123456789abcdef ' }).metricsToken).toBe('0123456789abcdef');
  });

  it('stops the start when too short or not visible ASCII, without echoing it', () => {
    for (const token of ['short', '0123456789abcde', '0123456789 abcdef', '0123456789abcdéf']) {
      expect(() => loadSettings({ METRICS_TOKEN: token })).toThrow(/^METRICS_TOKEN must be at least 16 visible ASCII characters/);
      try {
        loadSettings({ METRICS_TOKEN: token });
      } catch (error) {
        expect((error as Error).message).not.toContain(token);
      }
    }
  });
});
