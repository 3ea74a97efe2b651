import { newsroomClient } from './client';

/** The client is typed by the document: what it does not allow does not compile. */
describe('newsroomClient', () => {
  it('sends the path, query, body and token the document types', async () => {
    const sent: Request[] = [];
    const fetchImpl = async (input: Request) => {
      sent.push(input);
      return new Response(JSON.stringify({ items: [], nextCursor: null }), { headers: { 'Content-Type': 'application/json' } });
    };
    const client = newsroomClient('http://newsroom.test', 'T0KEN', fetchImpl as typeof fetch);
    const { data } = await client.GET('/articles/{id}/revisions', {
      params: { path: { id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed' }, query: { limit: 3 } },
    });
    expect(data?.items).toEqual([]);
    expect(sent[0].url).toBe('http://newsroom.test/articles/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed/revisions?limit=3');
    expect(sent[0].headers.get('authorization')).toBe('Bearer T0KEN');

    if (sent.length < 0) {
      // Never run: each line must stay a compile error (npm run typecheck fails if one compiles).
      // @ts-expect-error a path the document does not have
      await client.GET('/articles/{id}/comments', { params: { path: { id: 'x' } } });
      await client.POST('/articles/{id}/text-corrections', {
        params: { path: { id: 'x' } },
        // @ts-expect-error a body without the reason the document requires
        body: { find: 'a', replace: 'b' },
      });
      // @ts-expect-error limit is a whole number, not a string
      await client.GET('/corrections', { params: { query: { limit: '3' } } });
    }
  });
});
