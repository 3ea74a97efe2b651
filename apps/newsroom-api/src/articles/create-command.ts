import type { CreateArticle } from '@newsroom/articles';
import type { BodyOf } from '../contract/typed-input';

/** POST /articles takes JSON, or the raw story as text/plain. */
export function createCommandOf(body: BodyOf<'createArticle'> | string): CreateArticle {
  if (typeof body === 'string') return { type: 'CreateArticle', body };
  return {
    type: 'CreateArticle',
    body: body.body,
    headline: body.headline ?? null,
    byline: body.byline ?? null,
    dateline: body.dateline ?? null,
    categories: body.categories?.map(({ label, code }) => (code === undefined ? { label } : { label, code })),
  };
}
