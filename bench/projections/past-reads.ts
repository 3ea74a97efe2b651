import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { CpuMeter, type CpuUsage } from '../support/cpu-meter';
import { Latencies, type LatencySummary } from '../support/latencies';

export interface History {
  id: string;
  revision: number;
}

export interface ReadRun extends LatencySummary {
  concurrency: number;
  requestsPerSecond: number;
  cpu: CpuUsage;
}

/** The articles with the most revisions: their past states are the furthest from the present. */
export async function longestHistories(url: string, count: number): Promise<History[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<History>('SELECT id, revision FROM articles ORDER BY revision DESC, id LIMIT $1', [
      count,
    ]);
    return rows;
  } finally {
    await client.end();
  }
}

/** A read load: `requests` GETs with `concurrency` in flight, over random articles among `histories`. */
export interface ReadLoad {
  baseUrl: string;
  token: string;
  histories: readonly History[];
  concurrency: number;
  requests: number;
  groups: ConstructorParameters<typeof CpuMeter>[0];
}

/**
 * `GET /articles/{id}?revision=N` for a random article among `histories` and a random N of its
 * history. Each answer must be a 200 whose ETag names the revision asked for: a fast wrong
 * answer would be no answer.
 */
export function timePastReads(load: ReadLoad): Promise<ReadRun> {
  return timeReads(load, (history) => 1 + Math.floor(Math.random() * history.revision));
}

/**
 * Which revision of a history to read: `undefined` reads the current article (no ?revision=),
 * which must then answer with the history's latest revision.
 */
export type RevisionPick = (history: History) => number | undefined;

/** `GET /articles/{id}` or `?revision=N` as `pick` says. */
export async function timeReads(load: ReadLoad, pick: RevisionPick): Promise<ReadRun> {
  const { baseUrl, token, histories, concurrency, requests, groups } = load;
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    // Unmeasured: connections opened, the JIT and the caches warm.
    await readMany(
      baseUrl,
      token,
      agent,
      histories,
      concurrency,
      Math.max(concurrency * 20, Math.floor(requests / 10)),
      new Latencies(),
      pick,
    );
    const latencies = new Latencies();
    const meter = new CpuMeter(groups);
    meter.start();
    const started = performance.now();
    await readMany(baseUrl, token, agent, histories, concurrency, requests, latencies, pick);
    const seconds = (performance.now() - started) / 1000;
    return { concurrency, ...latencies.summary(), requestsPerSecond: requests / seconds, cpu: meter.stop() };
  } finally {
    agent.destroy();
  }
}

async function readMany(
  baseUrl: string,
  token: string,
  agent: Agent,
  histories: readonly History[],
  concurrency: number,
  requests: number,
  latencies: Latencies,
  pick: RevisionPick,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next++ < requests) {
      const history = histories[Math.floor(Math.random() * histories.length)];
      const revision = pick(history);
      const query = revision === undefined ? '' : `?revision=${revision}`;
      const sent = performance.now();
      const etag = await get(`${baseUrl}/articles/${history.id}${query}`, token, agent);
      latencies.record(performance.now() - sent);
      const expected = revision ?? history.revision;
      if (etag !== `"${expected}"`) throw new Error(`asked for revision ${expected} of ${history.id}, got ETag ${etag}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** A GET whose body is read to the end (so the connection is reused) but not parsed: the client stays cheap. */
function get(url: string, token: string, agent: Agent): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.once('end', () => {
        if (res.statusCode !== 200) reject(new Error(`GET ${url}: ${res.statusCode}`));
        else resolve(res.headers.etag);
      });
      res.once('error', reject);
    });
    req.once('error', reject);
    req.end();
  });
}
