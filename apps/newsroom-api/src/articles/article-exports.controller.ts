import { Controller, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { QueryOf } from '../contract/typed-input';
import { type ArticleMediaType, JSON_LD_MEDIA_TYPE, NINJS_MEDIA_TYPE, representationOf } from '../exports/article-formats';
import { Valid } from '../http/contract.guard';
import { Route } from '../http/route.decorator';
import { articleAt, type ArticleAt } from './queries/article-at';
import { ArticleReader } from './queries/article-reader';

interface ArticlePath {
  id: string;
}

/**
 * The article's exports at their own paths, for clients that cannot set Accept: the path names
 * the format, so Accept is not consulted. GET /articles/{id} serves the same by negotiation.
 */
@Controller()
export class ArticleExportsController {
  constructor(private readonly reader: ArticleReader) {}

  @Route('getArticleNinjs')
  ninjs(
    @Valid('params') { id }: ArticlePath,
    @Valid('query') query: QueryOf<'getArticleNinjs'>,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.export(id, query, NINJS_MEDIA_TYPE, response);
  }

  @Route('getArticleJsonLd')
  jsonLd(
    @Valid('params') { id }: ArticlePath,
    @Valid('query') query: QueryOf<'getArticleJsonLd'>,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.export(id, query, JSON_LD_MEDIA_TYPE, response);
  }

  private async export(id: string, at: ArticleAt, mediaType: ArticleMediaType, response: Response) {
    const article = await articleAt(this.reader, id, at);
    response.setHeader('ETag', `"${article.revision}"`);
    response.type(mediaType);
    return representationOf(article, mediaType);
  }
}
