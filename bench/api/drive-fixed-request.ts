import autocannon from 'autocannon';

export interface FixedRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface FixedRequestRun {
  seconds: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  completed: number;
  non2xx: number;
  errors: number;
}

/**
 * The same request over and over, on `connections` keep-alive connections one at a time each
 * (as drive-reads.ts and drive-commands.ts drive the API), for a number of seconds or requests.
 */
export async function driveFixedRequest(
  baseUrl: string,
  request: FixedRequest,
  connections: number,
  length: { seconds: number } | { requests: number },
): Promise<FixedRequestRun> {
  const result = await autocannon({
    url: baseUrl,
    connections,
    pipelining: 1,
    ...('seconds' in length ? { duration: length.seconds } : { amount: length.requests }),
    timeout: 10,
    requests: [{ method: request.method, path: request.path, headers: request.headers, body: request.body }],
  });
  return {
    seconds: result.duration,
    requestsPerSecond: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    completed: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
