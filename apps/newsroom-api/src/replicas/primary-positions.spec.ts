import { PrimaryPositions } from './primary-positions';

describe('the primary’s positions, as a replica’s staleness', () => {
  it('counts an idle primary’s replica as current: nothing to replay is no lag', () => {
    const positions = new PrimaryPositions(10_000);
    for (let at = 0; at <= 5_000; at += 100) positions.record(at, 500n);
    expect(positions.caughtUpAt(500n)).toBe(5_000);
  });

  it('dates a replica behind to the last time the primary was where the replica is', () => {
    const positions = new PrimaryPositions(10_000);
    positions.record(0, 100n);
    positions.record(100, 200n);
    positions.record(200, 300n);
    expect(positions.caughtUpAt(250n)).toBe(100);
    expect(positions.caughtUpAt(300n)).toBe(200);
    expect(positions.caughtUpAt(99n)).toBeUndefined();
  });

  it('forgets what is older than it keeps, but never its last sample', () => {
    const positions = new PrimaryPositions(1_000);
    positions.record(0, 100n);
    positions.record(5_000, 200n);
    expect(positions.caughtUpAt(150n)).toBeUndefined();
    positions.record(10_000, 200n);
    expect(positions.caughtUpAt(200n)).toBe(10_000);
  });
});
