import autocannon from 'autocannon';

export interface ReadRun {
  seconds: number;
  readsPerSecond: number;
  p50: number;
  p99: number;
  completed: number;
  non2xx: number;
}

/**
 * The API's cheapest request, for comparison with commands: `GET /articles/{id}` over the same
 * articles, tokens and connections. A read is one primary-key SELECT and an answer of the same
 * size as a command's, through the same middleware, guards and logging, so no command can be
 * faster than it.
 */
export async function driveReads(
  baseUrl: string,
  ids: readonly string[],
  tokens: readonly string[],
  connections: number,
  seconds: number,
): Promise<ReadRun> {
  let next = 0;
  const result = await autocannon({
    url: baseUrl,
    connections,
    pipelining: 1,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        setupRequest: (request) => {
          const n = next++;
          return {
            ...request,
            method: 'GET',
            path: `/articles/${ids[n % ids.length]}`,
            headers: { authorization: `Bearer ${tokens[n % tokens.length]}` },
          };
        },
      },
    ],
  });
  return {
    seconds: result.duration,
    readsPerSecond: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    completed: result['2xx'],
    non2xx: result.non2xx,
  };
}
