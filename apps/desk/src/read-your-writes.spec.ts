import { CONSISTENCY_TOKEN, lsnOf, ReadYourWrites } from './read-your-writes';

/** A stand-in for the API: answers each request with the token given, and records what it was sent. */
function api(tokens: Array<string | null>) {
  const sent: Request[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push(new Request(input, init));
    const token = tokens.shift() ?? null;
    return new Response('{}', { status: 200, headers: token === null ? {} : { [CONSISTENCY_TOKEN]: token } });
  }) as typeof fetch;
  return { sent, fetchImpl };
}

describe('read-your-writes in the desk', () => {
  it('sends nothing before a command has answered, then the command’s token on every read', async () => {
    const { sent, fetchImpl } = api([null, '0/16B3748', null, null]);
    const fetchWith = new ReadYourWrites().wrap(fetchImpl);
    await fetchWith('http://api.test/articles/a');
    await fetchWith('http://api.test/articles/a/find-and-replace', { method: 'POST', body: '{}' });
    await fetchWith('http://api.test/articles/a');
    await fetchWith(new Request('http://api.test/articles/a/revisions'));
    expect(sent.map((r) => [r.method, r.headers.get(CONSISTENCY_TOKEN)])).toEqual([
      ['GET', null],
      ['POST', null],
      ['GET', '0/16B3748'],
      ['GET', '0/16B3748'],
    ]);
  });

  it('keeps the latest position, whatever order the answers come in', () => {
    const tokens = new ReadYourWrites();
    tokens.heard('1/0');
    tokens.heard('0/FFFFFFFF');
    expect(tokens.current()).toBe('1/0');
    tokens.heard('1/A');
    expect(tokens.current()).toBe('1/A');
    tokens.heard('not a position');
    tokens.heard(null);
    expect(tokens.current()).toBe('1/A');
  });

  it('leaves a token the caller set on a read as it is', async () => {
    const { sent, fetchImpl } = api(['0/20', null]);
    const fetchWith = new ReadYourWrites().wrap(fetchImpl);
    await fetchWith('http://api.test/articles/a/headline', { method: 'POST', body: '{}' });
    await fetchWith('http://api.test/articles/a', { headers: { [CONSISTENCY_TOKEN]: '0/10' } });
    expect(sent[1].headers.get(CONSISTENCY_TOKEN)).toBe('0/10');
  });

  it('reads WAL positions as PostgreSQL writes them', () => {
    expect(lsnOf('16/B374D848')).toBe(0x16b374d848n);
    expect(lsnOf(' 0/0 ')).toBe(0n);
    expect(lsnOf('16/')).toBeUndefined();
    expect(lsnOf('1/2/3')).toBeUndefined();
  });
});
