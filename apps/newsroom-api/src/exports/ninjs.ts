import type { Article, ArticleStatus } from '@newsroom/articles';
import { bodyHtml, bodyText } from './article-body';
import { mediaTopicUri } from '../media-topics/media-topic-codes';

/** The part of IPTC ninjs 2.4 an article fills. Everything in it is public: no reason, no actor. */
export interface NinjsItem {
  uri: string;
  type: 'text';
  /** The article's revision, as a string. */
  version: string;
  firstcreated?: string;
  versioncreated?: string;
  pubstatus: NinjsPubStatus;
  language: string;
  headlines: Array<{ value: string }>;
  by?: string;
  located?: string;
  bodies: Array<{ contenttype: 'text/plain' | 'text/html'; value: string }>;
  subjects: Array<{ name: string; uri?: string }>;
}

export type NinjsPubStatus = 'usable' | 'withheld' | 'canceled';

/** ninjs's pubstatus: a draft is withheld, a withdrawn story canceled. */
export const PUBSTATUS: Record<ArticleStatus, NinjsPubStatus> = {
  draft: 'withheld',
  published: 'usable',
  withdrawn: 'canceled',
};

/** The article's URN: stable across revisions, which `version` tells apart. */
export function articleUri(id: string): string {
  return `urn:uuid:${id}`;
}

/** The article, at whatever revision it was read, as a ninjs 2.4 news item. */
export function articleToNinjs(article: Article, { language }: { language: string }): NinjsItem {
  return {
    uri: articleUri(article.id),
    type: 'text',
    version: String(article.revision),
    ...(article.createdAt ? { firstcreated: article.createdAt } : {}),
    ...(article.updatedAt ? { versioncreated: article.updatedAt } : {}),
    pubstatus: PUBSTATUS[article.status],
    language,
    headlines: article.headline === null ? [] : [{ value: article.headline }],
    ...(article.byline === null ? {} : { by: article.byline }),
    ...(article.dateline === null ? {} : { located: article.dateline }),
    bodies: [
      { contenttype: 'text/plain', value: bodyText(article.blocks) },
      { contenttype: 'text/html', value: bodyHtml(article.blocks) },
    ],
    subjects: article.categories.map(({ label, code }) => {
      const uri = mediaTopicUri(code);
      return uri ? { name: label, uri } : { name: label };
    }),
  };
}
