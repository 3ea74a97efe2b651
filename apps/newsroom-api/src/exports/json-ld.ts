import type { Article, ArticleStatus, Category } from '@newsroom/articles';
import { bodyText } from './article-body';
import { MEDIA_TOPICS_SCHEME, mediaTopicUri } from '../media-topics/media-topic-codes';
import { articleUri } from './ninjs';

/** The schema.org terms an article fills, all of them defined in schema.org's own context. */
export interface NewsArticleJsonLd {
  '@context': 'https://schema.org';
  '@type': 'NewsArticle';
  '@id': string;
  headline?: string;
  creditText?: string;
  dateline?: string;
  articleBody: string;
  inLanguage: string;
  creativeWorkStatus: CreativeWorkStatus;
  version: number;
  dateCreated?: string;
  dateModified?: string;
  datePublished?: string;
  about?: Topic[];
  correction?: CorrectionComment[];
}

interface Topic {
  '@type': 'DefinedTerm';
  '@id'?: string;
  name: string;
  termCode?: string;
  inDefinedTermSet?: string;
}

interface CorrectionComment {
  '@type': 'CorrectionComment';
  text: string;
  datePublished: string;
}

type CreativeWorkStatus = 'Draft' | 'Published' | 'Withdrawn';

const STATUS: Record<ArticleStatus, CreativeWorkStatus> = { draft: 'Draft', published: 'Published', withdrawn: 'Withdrawn' };

/**
 * The article, at whatever revision it was read, as a schema.org NewsArticle: its public
 * correction notices (every kind) become CorrectionComments, the way search engines read them.
 */
export function articleToJsonLd(article: Article, { language }: { language: string }): NewsArticleJsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': articleUri(article.id),
    ...(article.headline === null ? {} : { headline: article.headline }),
    ...(article.byline === null ? {} : { creditText: article.byline }),
    ...(article.dateline === null ? {} : { dateline: article.dateline }),
    articleBody: bodyText(article.blocks),
    inLanguage: language,
    creativeWorkStatus: STATUS[article.status],
    version: article.revision,
    ...(article.createdAt ? { dateCreated: article.createdAt } : {}),
    ...(article.updatedAt ? { dateModified: article.updatedAt } : {}),
    ...(article.publishedAt ? { datePublished: article.publishedAt } : {}),
    ...(article.categories.length > 0 ? { about: article.categories.map(topicOf) } : {}),
    ...(article.corrections.length > 0
      ? {
          correction: article.corrections.map(({ text, recordedAt }) => ({
            '@type': 'CorrectionComment' as const,
            text,
            datePublished: recordedAt,
          })),
        }
      : {}),
  };
}

function topicOf({ label, code }: Category): Topic {
  const uri = mediaTopicUri(code);
  return uri
    ? { '@type': 'DefinedTerm', '@id': uri, name: label, termCode: code, inDefinedTermSet: MEDIA_TOPICS_SCHEME }
    : { '@type': 'DefinedTerm', name: label };
}
