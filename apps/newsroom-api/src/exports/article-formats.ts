import type { Article } from '@newsroom/articles';
import { articleToJsonLd } from './json-ld';
import { articleToNinjs } from './ninjs';

export const NINJS_MEDIA_TYPE = 'application/ninjs+json';
export const JSON_LD_MEDIA_TYPE = 'application/ld+json';

/**
 * The newsroom writes in English: articles carry no language of their own (one per article
 * would be a new event), so every export says `en`.
 */
export const NEWSROOM_LANGUAGE = 'en';

/** The representations of one article, the default (the article as the API shows it) first. */
export const ARTICLE_MEDIA_TYPES = ['application/json', NINJS_MEDIA_TYPE, JSON_LD_MEDIA_TYPE] as const;
export type ArticleMediaType = (typeof ARTICLE_MEDIA_TYPES)[number];

/** The article in the representation asked for: exports hold only what is public. */
export function representationOf(article: Article, mediaType: ArticleMediaType): object {
  switch (mediaType) {
    case 'application/json':
      return article;
    case NINJS_MEDIA_TYPE:
      return articleToNinjs(article, { language: NEWSROOM_LANGUAGE });
    case JSON_LD_MEDIA_TYPE:
      return articleToJsonLd(article, { language: NEWSROOM_LANGUAGE });
    default: {
      const unknown: never = mediaType;
      throw new Error(`No representation ${String(unknown)}`);
    }
  }
}
