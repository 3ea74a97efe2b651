/**
 * `npm run demo`: the sample story through the API, step by step, each request printed as it is
 * made. DEMO_URL names the API (default http://localhost:3000; when none answers, the demo starts
 * its own on the embedded PostgreSQL). DEMO_TOKEN is an editor's token; without it the demo signs
 * in with the embedded default's one-click sign-in. Any unexpected answer ends it with exit code 1.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newsroomClient, type NewsroomClient } from '@newsroom/api-client';
import { diffLines } from './diff-lines';
import { findOrStartApi } from './target';
import { terminal } from './terminal';

const out = terminal();
const STORY = readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'geneva-summit.txt'), 'utf8');

class UnexpectedAnswer extends Error {}

/** The typed client, printing each request it sends and failing on any answer but the expected. */
function printingClient(url: string, token: string): NewsroomClient {
  return newsroomClient(url, token, async (input, init) => {
    const request = new Request(input, init);
    const { pathname, search } = new URL(request.url);
    const type = request.headers.get('content-type');
    out.request(request.method, decodeURIComponent(pathname + search), type ? `(${type.split(';')[0]})` : undefined);
    return fetch(request);
  });
}

async function expectOk<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
  summary: (data: T) => string,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || data === undefined) {
    const problem = error as { title?: string; detail?: string } | undefined;
    out.answer(response.status, problem?.title ?? response.statusText);
    throw new UnexpectedAnswer(`${response.status} ${problem?.detail ?? ''}`.trim());
  }
  out.answer(response.status, summary(data));
  return data;
}

async function signIn(url: string): Promise<string> {
  if (process.env.DEMO_TOKEN) return process.env.DEMO_TOKEN;
  out.request('POST', '/local-sign-in', '(the embedded default’s one-click sign-in)');
  const res = await fetch(`${url}/local-sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ role: 'editor' }),
  });
  if (res.status !== 201)
    throw new UnexpectedAnswer(
      `${res.status}: this API has no one-click sign-in; set DEMO_TOKEN to an editor's token (npm run token -- --sub you --roles editor)`,
    );
  out.answer(201, 'signed in as Local editor');
  return ((await res.json()) as { token: string }).token;
}

async function walk(api: NewsroomClient): Promise<void> {
  const created = await expectOk(
    api.POST('/articles', { body: { headline: 'Biden and Putin end Geneva summit after four hours', body: STORY } }),
    (a) => `revision ${a.revision}: ${a.blocks.length} blocks, status ${a.status}`,
  );
  const path = { path: { id: created.id } };
  await expectOk(
    api.POST('/articles/{id}/attribution-fixes', {
      params: path,
      body: {
        find: 'Citizen Free Press’s Matthew Chance',
        replace: 'CNN’s Matthew Chance',
        reason: 'The question came from CNN’s correspondent',
      },
    }),
    (a) =>
      `revision ${a.revision}: ${a.blocks.find((b) => b.text.includes('CNN’s Matthew Chance'))?.id} now names CNN’s Matthew Chance`,
  );
  await expectOk(
    api.POST('/articles/{id}/text-corrections', {
      params: path,
      body: {
        find: 'a La Casa official said. White.',
        replace: 'a White House official said.',
        reason: 'Mistranslated from Spanish',
        notice: 'An earlier version of this article mistranslated a White House official’s words.',
      },
    }),
    (a) => `revision ${a.revision}, with a public notice: “${a.corrections.at(-1)?.text}”`,
  );
  await expectOk(
    api.POST('/articles/{id}/categories', {
      params: path,
      body: { label: 'Diplomacy', code: 'medtop:20000639', reason: 'Summit coverage' },
    }),
    (a) => `revision ${a.revision}: categories ${a.categories.map((c) => c.label).join(', ')}`,
  );
  const published = await expectOk(
    api.POST('/articles/{id}/publication', { params: path, body: { reason: 'Ready for the front page' } }),
    (a) => `revision ${a.revision}: ${a.status}`,
  );
  const history = await expectOk(
    api.GET('/articles/{id}/revisions', { params: path }),
    (page) => `${page.items.length} revisions`,
  );
  for (const entry of history.items) {
    out.line(
      `  ${String(entry.revision).padStart(2)}  ${entry.recordedAt}  ${entry.actor.padEnd(14)} ${entry.summary}${entry.reason ? out.dim(` — ${entry.reason}`) : ''}`,
    );
  }
  const diff = await expectOk(
    api.GET('/articles/{id}/diff', { params: { path: path.path, query: { from: 1, to: published.revision } } }),
    (d) => `revision ${d.from} → ${d.to}`,
  );
  for (const line of diffLines(diff, out)) out.line(`  ${line}`);
  await expectOk(
    api.POST('/articles/{id}/restorations', { params: path, body: { revision: 1, reason: 'Show the story as it came in' } }),
    (a) => `revision ${a.revision}: the content of revision 1, still ${a.status}, notices kept (${a.corrections.length})`,
  );
  await expectOk(api.GET('/articles/{id}/audit', { params: path }), (audit) =>
    audit.verified
      ? `hash chain verified over ${audit.revisions} revisions, head ${audit.headHash?.slice(0, 16)}…`
      : `BROKEN at revision ${audit.brokenAt}`,
  );
}

async function main(): Promise<void> {
  const target = await findOrStartApi(process.env.DEMO_URL ?? 'http://localhost:3000', (line) => out.line(line));
  try {
    out.line(`The sample story through the newsroom API at ${target.url}`);
    await walk(printingClient(target.url, await signIn(target.url)));
    out.line('\nDone: every step above is one request; see /docs for all of them.');
  } finally {
    await target.stop();
  }
}

main().catch((error: unknown) => {
  out.line(`\nThe demo stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
