import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The sample wire story, imported as text exactly as an editor's tool would send it. */
export const SAMPLE_STORY = readFileSync(join(process.cwd(), 'test', 'fixtures', 'geneva-summit.txt'), 'utf8');

/**
 * Creates `count` articles from the sample story, a few at a time (setup, not measured), and
 * answers their ids in creation order. `tokenFor(i)` is the bearer token article i is created with.
 */
export async function createSampleArticles(
  baseUrl: string,
  count: number,
  tokenFor: (index: number) => string,
  parallel = 8,
): Promise<string[]> {
  const ids: string[] = new Array<string>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < count; index = next++) ids[index] = await createOne(baseUrl, tokenFor(index));
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return ids;
}

async function createOne(baseUrl: string, token: string): Promise<string> {
  const response = await fetch(`${baseUrl}/articles`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain; charset=utf-8' },
    body: SAMPLE_STORY,
  });
  const body = (await response.json()) as { id?: string; revision?: number };
  if (response.status !== 201 || typeof body.id !== 'string') {
    throw new Error(`creating a sample article answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return body.id;
}
