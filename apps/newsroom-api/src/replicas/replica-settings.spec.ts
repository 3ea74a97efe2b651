import { loadReplicaSettings } from './replica-settings';

describe('replica settings', () => {
  it('are off unless DATABASE_REPLICA_URLS names a replica', () => {
    expect(loadReplicaSettings({}).urls).toEqual([]);
    expect(loadReplicaSettings({ DATABASE_REPLICA_URLS: ' , ' }).urls).toEqual([]);
  });

  it('read a comma-separated list and the two bounds', () => {
    expect(
      loadReplicaSettings({
        DATABASE_REPLICA_URLS: 'postgres://r1:5432/news, postgresql://r2/news',
        REPLICA_MAX_LAG_MS: '500',
        REPLICA_WAIT_MS: '0',
      }),
    ).toEqual({ urls: ['postgres://r1:5432/news', 'postgresql://r2/news'], maxLagMs: 500, waitMs: 0, probeMs: 100 });
  });

  it('refuse what they cannot use, naming the setting', () => {
    expect(() => loadReplicaSettings({ DATABASE_REPLICA_URLS: 'r1:5432' })).toThrow(/DATABASE_REPLICA_URLS/);
    expect(() => loadReplicaSettings({ REPLICA_MAX_LAG_MS: '-1' })).toThrow(/REPLICA_MAX_LAG_MS/);
    expect(() => loadReplicaSettings({ REPLICA_WAIT_MS: '1.5' })).toThrow(/REPLICA_WAIT_MS/);
  });
});
