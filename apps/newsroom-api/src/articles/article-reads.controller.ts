import { Controller, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EVENTS_PAGE_SIZE, HISTORY_PAGE_SIZE } from '../contract/read-operations';
import type { QueryOf } from '../contract/typed-input';
import { ARTICLE_MEDIA_TYPES, representationOf } from '../exports/article-formats';
import { Valid } from '../http/contract.guard';
import { negotiate } from '../http/negotiation';
import { Route } from '../http/route.decorator';
import { articleAt } from './queries/article-at';
import { ArticleAudit } from './queries/article-audit';
import { diffArticles } from './queries/article-diff';
import { ArticleEvents } from './queries/article-events';
import { ArticleHistory } from './queries/article-history';
import { ArticleListing } from './queries/article-listing';
import { ArticleReader } from './queries/article-reader';

interface ArticlePath {
  id: string;
}

/** Every read of articles: current and past states, history, diffs and the raw log. */
@Controller()
export class ArticleReadsController {
  constructor(
    private readonly reader: ArticleReader,
    private readonly history: ArticleHistory,
    private readonly listing: ArticleListing,
    private readonly auditor: ArticleAudit,
    private readonly log: ArticleEvents,
  ) {}

  @Route('listArticles')
  list(@Valid('query') query: QueryOf<'listArticles'>) {
    return this.listing.list(query);
  }

  /** The article as JSON, or as one of its exports when Accept asks for ninjs or JSON-LD. */
  @Route('getArticle')
  async get(
    @Valid('params') { id }: ArticlePath,
    @Valid('query') query: QueryOf<'getArticle'>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    response.vary('Accept');
    const mediaType = negotiate(request, ARTICLE_MEDIA_TYPES);
    const article = await articleAt(this.reader, id, query);
    response.setHeader('ETag', `"${article.revision}"`);
    response.type(mediaType);
    return representationOf(article, mediaType);
  }

  @Route('listRevisions')
  revisions(@Valid('params') { id }: ArticlePath, @Valid('query') query: QueryOf<'listRevisions'>) {
    return this.history.revisions(id, query.limit ?? HISTORY_PAGE_SIZE, query.cursor, query.order);
  }

  @Route('getRevision')
  async revision(@Valid('params') { id, n }: ArticlePath & { n: number }, @Res({ passthrough: true }) response: Response) {
    const entry = await this.history.revision(id, n);
    response.setHeader('ETag', `"${entry.article.revision}"`);
    return entry;
  }

  @Route('diffRevisions')
  async diff(@Valid('params') { id }: ArticlePath, @Valid('query') query: QueryOf<'diffRevisions'>) {
    const [from, to] = await Promise.all([this.reader.atRevision(id, query.from), this.reader.atRevision(id, query.to)]);
    return diffArticles(from, to);
  }

  @Route('auditArticle')
  audit(@Valid('params') { id }: ArticlePath) {
    return this.auditor.verify(id);
  }

  @Route('listEvents')
  events(@Valid('params') { id }: ArticlePath, @Valid('query') query: QueryOf<'listEvents'>) {
    return this.log.page(id, query.limit ?? EVENTS_PAGE_SIZE, query.cursor);
  }
}
