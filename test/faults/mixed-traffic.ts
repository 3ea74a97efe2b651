import { type Answer, call } from './command-load';

/** One request of the mixed traffic and what came of it (no answer: the connection failed). */
export interface Exchange {
  method: string;
  path: string;
  key?: string;
  sentAt: number;
  answer?: Answer;
  failure?: string;
}

/**
 * Clients that loop until told to stop, alternating a command (a category add under its own
 * Idempotency-Key) with the reads an editor's tools make: the article, the listing, its history
 * and the corrections feed.
 */
export function mixedTraffic(options: {
  baseUrl: string;
  token: string;
  articleIds: string[];
  clients: number;
  prefix: string;
}): {
  exchanges: Exchange[];
  stop(): Promise<Exchange[]>;
} {
  const exchanges: Exchange[] = [];
  let stopped = false;
  let n = 0;
  const client = async (): Promise<void> => {
    while (!stopped) {
      const i = n++;
      const id = options.articleIds[i % options.articleIds.length];
      const reads = [`/articles/${id}`, '/articles?limit=5', `/articles/${id}/revisions?limit=5`, '/corrections?limit=5'];
      const exchange: Exchange =
        i % 2 === 0
          ? { method: 'POST', path: `/articles/${id}/categories`, key: `${options.prefix}-${i}`, sentAt: Date.now() }
          : { method: 'GET', path: reads[((i - 1) / 2) % reads.length], sentAt: Date.now() };
      exchanges.push(exchange);
      try {
        exchange.answer = await call(options.baseUrl, options.token, exchange.method, exchange.path, {
          body: exchange.key ? { label: `Topic ${exchange.key}` } : undefined,
          key: exchange.key,
        });
      } catch (error) {
        exchange.failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
    }
  };
  const running = Promise.all(Array.from({ length: options.clients }, client));
  return {
    exchanges,
    stop: async () => {
      stopped = true;
      await running;
      return exchanges;
    },
  };
}
