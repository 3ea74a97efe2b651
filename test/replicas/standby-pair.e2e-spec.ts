import { type StandbyPair, startStandbyPair, withClient } from '../support/standby/standby-pair';

describe('the standby harness', () => {
  let pair: StandbyPair;
  beforeAll(async () => {
    pair = await startStandbyPair();
  }, 60_000);
  afterAll(() => pair?.destroy());

  it('streams the primary’s writes to a hot standby that refuses writes', async () => {
    await withClient(pair.primaryUrl('postgres'), (c) =>
      c.query('CREATE TABLE notes (text text); INSERT INTO notes VALUES ($$first$$)'),
    );
    await pair.caughtUp();
    const rows = await withClient(
      pair.standbyUrl('postgres'),
      async (c) => (await c.query('SELECT text, pg_is_in_recovery() AS recovering FROM notes')).rows,
    );
    expect(rows).toEqual([{ text: 'first', recovering: true }]);
    await expect(
      withClient(pair.standbyUrl('postgres'), (c) => c.query('INSERT INTO notes VALUES ($$second$$)')),
    ).rejects.toThrow(/read-only transaction/);
  });
});
