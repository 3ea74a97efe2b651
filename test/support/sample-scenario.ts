import { createSampleArticle } from './articles-api';
import type { TestApp } from './test-app';

export interface Scenario {
  id: string;
  reporter: string;
  editor: string;
  /** Revision → the article's JSON right after that revision's command answered. */
  answers: Map<number, Record<string, unknown>>;
}

/**
 * The command issue's scenario on the sample story: 1 import, 2 headline, 3 attribution fix,
 * 4 mistranslation fix, 5–6 categories, 7 publication, 8 a further correction with a notice.
 */
export async function runSampleScenario(t: TestApp): Promise<Scenario> {
  const reporter = await t.token('rita', 'reporter');
  const editor = await t.token('eddie', 'editor');
  const id = await createSampleArticle(t, reporter);
  const answers = new Map<number, Record<string, unknown>>();
  const steps: Array<[string, 'post' | 'put', string, Record<string, unknown>]> = [
    [reporter, 'put', 'headline', { headline: 'Biden and Putin end Geneva summit', reason: 'Headline for publication' }],
    [
      reporter,
      'post',
      'attribution-fixes',
      { find: "Citizen Free Press's Matthew Chance", replace: "CNN's Matthew Chance", reason: 'The question came from CNN' },
    ],
    [
      reporter,
      'post',
      'text-corrections',
      { find: 'a La Casa official said. White.', replace: 'a White House official said.', reason: 'Mistranslated' },
    ],
    [reporter, 'post', 'categories', { label: 'Diplomacy', code: 'medtop:20000639', reason: 'Topic' }],
    [reporter, 'post', 'categories', { label: 'US–Russia Relations' }],
    [editor, 'post', 'publication', { reason: 'Ready' }],
    [
      editor,
      'post',
      'text-corrections',
      {
        find: 'more than four hours',
        replace: 'nearly four hours',
        reason: 'The meeting ran under four hours',
        notice: 'An earlier version of this article said the meeting lasted more than four hours.',
      },
    ],
  ];
  for (const [token, method, path, body] of steps) {
    const res = await t.http()[method](`/articles/${id}/${path}`).set('Authorization', `Bearer ${token}`).send(body);
    if (res.status !== 200) throw new Error(`${path} failed: ${res.status} ${JSON.stringify(res.body)}`);
    answers.set(res.body.revision, res.body);
  }
  return { id, reporter, editor, answers };
}
