import type { Article, Category } from './article';
import type { CategoryInput, CreateArticle } from './commands';
import { ArticleError } from './errors';
import type { ArticleCreated } from './events';
import { importText } from './import-text';
import { cleanLine } from './rules';
import { slugify } from './slug';

/**
 * A new article from its text. Explicit headline, byline and dateline win over what the text
 * suggests; explicit categories come after the text's `Categorized in:` ones, first of a slug wins.
 */
export function decideCreate(command: CreateArticle, state: Article): ArticleCreated {
  if (state.revision > 0) throw new ArticleError('ArticleAlreadyExists', `Article ${state.id} already exists`);
  const headline = cleanLine(command.headline);
  const imported = importText(command.body, { headlineGiven: headline !== null });
  if (imported.blocks.length === 0) throw new ArticleError('EmptyArticle', 'The article body has no text');
  return {
    type: 'ArticleCreated',
    data: {
      headline: headline ?? imported.headline,
      byline: cleanLine(command.byline),
      dateline: cleanLine(command.dateline),
      blocks: imported.blocks,
      categories: categoriesOf([...imported.categories, ...(command.categories ?? [])]),
    },
  };
}

function categoriesOf(inputs: readonly CategoryInput[]): Category[] {
  const bySlug = new Map<string, Category>();
  for (const input of inputs) {
    const slug = slugify(input.label);
    if (bySlug.has(slug)) continue;
    bySlug.set(slug, { slug, label: input.label.trim(), ...(input.code === undefined ? {} : { code: input.code }) });
  }
  return [...bySlug.values()];
}
