import { GENEVA_SUMMIT } from './sample-story';
import type { TestApp } from './test-app';

/** Imports the sample story as text and answers its id. */
export async function createSampleArticle(t: TestApp, token: string): Promise<string> {
  const res = await t
    .http()
    .post('/articles')
    .set('Authorization', `Bearer ${token}`)
    .set('Content-Type', 'text/plain')
    .send(GENEVA_SUMMIT);
  if (res.status !== 201) throw new Error(`creating the sample failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export function expectProblem(
  res: { status: number; headers: Record<string, string>; body: Record<string, unknown> },
  status: number,
): void {
  expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
    status,
    type: expect.stringMatching(/^application\/problem\+json/),
  });
  expect(res.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
  expect(JSON.stringify(res.body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
}
