/** Commands fired over real HTTP (plain fetch) by several clients, each under its own Idempotency-Key. */

export interface PlannedCommand {
  key: string;
  articleId: string;
  path: string;
  body: Record<string, unknown>;
}

export interface Answer {
  status: number;
  replayed: boolean;
  contentType: string;
  body: unknown;
  ms: number;
}

/** What one command got: no answer when the connection broke (or it was never sent). */
export interface Outcome {
  command: PlannedCommand;
  answer?: Answer;
}

/** A request no answer can hold up longer than this; a hang fails the test instead of the suite's timeout. */
const REQUEST_TIMEOUT_MS = 15_000;

export async function call(
  baseUrl: string,
  token: string,
  method: string,
  path: string,
  options: { body?: unknown; key?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.key) headers['Idempotency-Key'] = options.key;
  const started = Date.now();
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  return {
    status: res.status,
    replayed: res.headers.get('idempotent-replayed') === 'true',
    contentType: res.headers.get('content-type') ?? '',
    body: text ? (JSON.parse(text) as unknown) : undefined,
    ms: Date.now() - started,
  };
}

export function send(baseUrl: string, token: string, command: PlannedCommand): Promise<Answer> {
  return call(baseUrl, token, 'POST', command.path, { body: command.body, key: command.key });
}

/**
 * Runs `commands` from `clients` concurrent clients, in order. After each answer `halt` is asked
 * whether to stop: from then on nothing new is sent, and what is in flight ends as it ends.
 */
export async function runLoad(options: {
  baseUrl: string;
  token: string;
  commands: PlannedCommand[];
  clients: number;
  halt?: (outcomes: Outcome[]) => boolean;
}): Promise<Outcome[]> {
  const outcomes: Outcome[] = options.commands.map((command) => ({ command }));
  let next = 0;
  let halted = false;
  const client = async (): Promise<void> => {
    while (!halted && next < outcomes.length) {
      const outcome = outcomes[next++];
      try {
        outcome.answer = await send(options.baseUrl, options.token, outcome.command);
      } catch {
        // The connection broke: this command stays unanswered.
        continue;
      }
      if (!halted && options.halt?.(outcomes)) halted = true;
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  return outcomes;
}

/** Unique labels spread over the articles, with a notice-bearing text correction every fifth command. */
export function plannedCommands(articleIds: string[], count: number, prefix: string): PlannedCommand[] {
  return Array.from({ length: count }, (_, i) => {
    const articleId = articleIds[i % articleIds.length];
    const key = `${prefix}-${i}`;
    if (i % 5 === 0) {
      return {
        key,
        articleId,
        path: `/articles/${articleId}/text-corrections`,
        body: { find: marker(i), replace: `[fixed ${i}]`, reason: 'fault test', notice: `Marker ${i} was wrong.` },
      };
    }
    return { key, articleId, path: `/articles/${articleId}/categories`, body: { label: `Topic ${i}`, reason: 'fault test' } };
  });
}

/** The body of article `a` of `articles`: one paragraph per text correction aimed at it. */
export function articleBody(a: number, articles: number, count: number): string {
  const paragraphs = ['The desk files this story under load.'];
  for (let i = a; i < count; i += articles) if (i % 5 === 0) paragraphs.push(`Paragraph with ${marker(i)} in it.`);
  return paragraphs.join('\n\n');
}

function marker(i: number): string {
  return `[c${i}]`;
}
