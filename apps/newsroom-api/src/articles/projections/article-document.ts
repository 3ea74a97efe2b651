import type { Article, ArticleEvent, Block } from '@newsroom/articles';

/**
 * The article's row keeps its body blocks in a column of their own, `blocks`, and the rest of the
 * article in `document` (ArticleBlocks1796700000000): a command that leaves the body alone
 * (headline, categories, publication) writes the small document and keeps the blocks it has.
 */
export type ArticleDocument = Omit<Article, 'blocks'>;

/** The two columns an article is read back from, as a reader selects them. */
export interface StoredArticle {
  document: ArticleDocument;
  blocks: Block[];
}

export function splitArticle(article: Article): StoredArticle {
  const { blocks, ...document } = article;
  return { document, blocks };
}

/**
 * The article a row holds. Its keys come out in jsonb's order (shorter keys first, then by
 * bytes: id, blocks, byline, status, …), the order `document` had when it still held the
 * blocks, so a read answers the same bytes as before the split.
 */
export function joinArticle({ document, blocks }: StoredArticle): Article {
  return Object.assign({ id: document.id, blocks }, document);
}

/**
 * Whether an event can change the blocks: the others leave the column as it is. A switch over
 * every type, so that a new event type has to be placed on one side.
 */
export function writesBlocks(event: ArticleEvent): boolean {
  switch (event.type) {
    case 'ArticleCreated':
    case 'AttributionFixed':
    case 'TextCorrected':
    case 'ArticleRestored':
    case 'ChangeReverted':
    case 'PassageRedacted':
      return true;
    case 'HeadlineChanged':
    case 'CategoryAdded':
    case 'CategoryRemoved':
    case 'ArticlePublished':
    case 'ArticleWithdrawn':
      return false;
    default:
      return unknownEvent(event);
  }
}

function unknownEvent(event: never): never {
  throw new Error(`Unknown article event ${JSON.stringify(event)}`);
}
