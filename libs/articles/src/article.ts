/** The article as the domain sees it: plain data, folded from its events by `evolve`. */

export type BlockType = 'paragraph' | 'subheading';

export interface Block {
  /** Stable for the life of the article: `b1`, `b2`, … in import order. Edits never renumber. */
  id: string;
  type: BlockType;
  text: string;
}

export interface Category {
  /** Lower case ASCII with hyphens, derived from the label. */
  slug: string;
  label: string;
  code?: string;
}

export type NoticeKind = 'correction' | 'clarification' | 'editors-note' | 'update';
export const NOTICE_KINDS: readonly NoticeKind[] = ['correction', 'clarification', 'editors-note', 'update'];

/** A public correction notice; once published it is never removed. */
export interface CorrectionNotice {
  revision: number;
  kind: NoticeKind;
  recordedAt: string;
  text: string;
}

export type ArticleStatus = 'draft' | 'published' | 'withdrawn';

/** What restore rolls back and revert undoes: everything but status and notices. */
export interface ArticleContent {
  headline: string | null;
  byline: string | null;
  dateline: string | null;
  blocks: Block[];
  categories: Category[];
}

export interface Article extends ArticleContent {
  id: string;
  /** 0 before creation; then the number of events folded. */
  revision: number;
  status: ArticleStatus;
  corrections: CorrectionNotice[];
  /** ISO 8601 UTC times, taken from the events' recorded times. */
  createdAt: string | null;
  updatedAt: string | null;
  publishedAt: string | null;
}

export function emptyArticle(id: string): Article {
  return {
    id,
    revision: 0,
    status: 'draft',
    headline: null,
    byline: null,
    dateline: null,
    blocks: [],
    categories: [],
    corrections: [],
    createdAt: null,
    updatedAt: null,
    publishedAt: null,
  };
}

export function contentOf(article: ArticleContent): ArticleContent {
  return {
    headline: article.headline,
    byline: article.byline,
    dateline: article.dateline,
    blocks: article.blocks.map((block) => ({ ...block })),
    categories: article.categories.map((category) => ({ ...category })),
  };
}
