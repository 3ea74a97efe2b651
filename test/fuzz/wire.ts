import http from 'node:http';

/**
 * One request exactly as it goes on the wire. supertest cannot send a header twice, a body
 * without a Content-Type, or bytes that are not UTF-8: node:http can.
 */
export interface WireRequest {
  method: string;
  /** Path and query, already percent-encoded (or deliberately not). */
  target: string;
  /** In order; a name given twice is sent as two header lines. */
  headers: ReadonlyArray<readonly [string, string]>;
  body?: Buffer;
  /** Send the body with Transfer-Encoding: chunked instead of Content-Length. */
  chunked?: boolean;
}

export interface WireResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The parsed body when it is JSON of any flavour, else undefined. */
  json: unknown;
  millis: number;
}

const TIMEOUT_MS = 30_000;

export function sendWire(port: number, agent: http.Agent, request: WireRequest): Promise<WireResponse> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: request.method, path: request.target, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text,
          json: parseJson(res.headers['content-type'], text),
          millis: performance.now() - started,
        });
      });
    });
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms (a hang)`)));
    req.on('error', reject);
    for (const [name, values] of grouped(request.headers)) req.setHeader(name, values.length === 1 ? values[0] : values);
    if (request.body !== undefined && !request.chunked) req.setHeader('Content-Length', request.body.length);
    if (request.chunked) req.setHeader('Transfer-Encoding', 'chunked');
    req.end(request.body);
  });
}

/** node:http replaces a header set twice: gather repeats under the first spelling of the name. */
function grouped(headers: ReadonlyArray<readonly [string, string]>): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  const spelling = new Map<string, string>();
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    if (!spelling.has(key)) spelling.set(key, name);
    const list = byName.get(spelling.get(key) ?? name) ?? [];
    list.push(value);
    byName.set(spelling.get(key) ?? name, list);
  }
  return byName;
}

function parseJson(contentType: string | undefined, text: string): unknown {
  if (!contentType || !/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
