import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SoakArticle } from './article-pool';
import { advance, nextCommand } from './command-cycle';
import type { SoakAnswer, SoakRequest } from './http-client';
import type { Load } from './workload';

/** The sample wire story, filed as text exactly as an editor's tool would send it. */
const SAMPLE_STORY = readFileSync(join(process.cwd(), 'test', 'fixtures', 'geneva-summit.txt'), 'utf8');
/**
 * Share of applied commands sent a second time with the same Idempotency-Key, as a client that
 * lost the answer would: the log must still hold one event for the key.
 */
const REPLAY_SHARE = 0.03;
/** Share of commands that state the revision they expect (If-Match), as a CMS holding the article open does. */
const IF_MATCH_SHARE = 0.5;

/** The next step of the article's cycle, by one of the editors. */
export async function editOne(load: Load, article: SoakArticle): Promise<void> {
  const plan = nextCommand(article);
  const editor = load.random.pick(load.desk.editors);
  const key = load.ledger.nextKey();
  const headers: Record<string, string> = {
    authorization: editor.authorization,
    'content-type': 'application/json',
    'idempotency-key': key,
  };
  // The connection holds the article, so the revision it last saw is still the latest.
  if (load.random.chance(IF_MATCH_SHARE)) headers['if-match'] = `"${article.revision}"`;
  const request: SoakRequest = { method: plan.method, path: `/articles/${article.id}${plan.path}`, headers, body: plan.body };
  const answer = await load.client.send(request);
  const label = `${request.method} ${request.path}`;
  if (!load.tally.record(plan.name, label, answer, 200)) {
    // Whether it applied is unknown (a 5xx may come after the commit): the log audit settles it.
    load.ledger.unsettle(editor.id, key);
    article.unknown = true;
    load.pool.release(article);
    return;
  }
  const revision = revisionOf(answer);
  if (revision !== article.revision + 1) {
    load.tally.anomaly('revision-not-next', `${label} answered ETag ${revision} after ${article.revision}`);
  }
  load.ledger.acknowledge(editor.id, key, plan.notice);
  article.revision = revision ?? article.revision + 1;
  advance(article, plan);
  if (load.random.chance(REPLAY_SHARE)) await replay(load, request, revision);
  load.pool.release(article);
}

async function replay(load: Load, request: SoakRequest, revision: number | undefined): Promise<void> {
  const answer = await load.client.send(request);
  const label = `replay of ${request.method} ${request.path}`;
  if (!load.tally.record('replay', label, answer, 200)) return;
  if (answer.headers['idempotent-replayed'] !== 'true') load.tally.anomaly('replay-not-marked', label);
  if (revisionOf(answer) !== revision) {
    load.tally.anomaly('replay-other-revision', `${label} answered ETag ${revisionOf(answer)}, first ${revision}`);
  }
}

/** A new story from one of the reporters; it joins the articles under edit. */
export async function fileOne(load: Load): Promise<void> {
  const reporter = load.random.pick(load.desk.reporters);
  const key = load.ledger.nextKey();
  const answer = await load.client.send({
    method: 'POST',
    path: '/articles',
    headers: {
      authorization: reporter.authorization,
      'content-type': 'text/plain; charset=utf-8',
      'idempotency-key': key,
    },
    body: SAMPLE_STORY,
  });
  if (!load.tally.record('create', 'POST /articles', answer, 201)) {
    load.ledger.unsettle(reporter.id, key);
    return;
  }
  const { id } = JSON.parse(answer.body.toString('utf8')) as { id: string };
  if (revisionOf(answer) !== 1) load.tally.anomaly('created-not-at-1', `POST /articles answered ETag ${revisionOf(answer)}`);
  load.ledger.acknowledge(reporter.id, key, false);
  load.pool.add(id, 1);
}

/** The setup's stories, a few at a time; not measured. */
export async function fileMany(load: Load, count: number, parallel = 8): Promise<void> {
  let left = count;
  const worker = async (): Promise<void> => {
    while (left-- > 0) await fileOne(load);
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

/** From `ETag: "<revision>"`. */
export function revisionOf(answer: SoakAnswer): number | undefined {
  const etag = answer.headers.etag;
  const value = Number((Array.isArray(etag) ? etag[0] : etag)?.replaceAll('"', ''));
  return Number.isInteger(value) ? value : undefined;
}
