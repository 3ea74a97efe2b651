import { Controller, Res } from '@nestjs/common';
import type { Article } from '@newsroom/articles';
import type { Response } from 'express';
import { HISTORY_PAGE_SIZE } from '../contract/read-operations';
import type { QueryOf } from '../contract/typed-input';
import { Valid } from '../http/contract.guard';
import { Route } from '../http/route.decorator';
import { ArticleAudit } from './queries/article-audit';
import { diffArticles } from './queries/article-diff';
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
  ) {}

  @Route('listArticles')
  list(@Valid('query') query: QueryOf<'listArticles'>) {
    return this.listing.list(query);
  }

  @Route('getArticle')
  async get(
    @Valid('params') { id }: ArticlePath,
    @Valid('query') query: QueryOf<'getArticle'>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Article> {
    const article =
      query.revision !== undefined
        ? await this.reader.atRevision(id, query.revision)
        : query.asOf !== undefined
          ? await this.reader.asOf(id, momentOf(query.asOf))
          : await this.reader.current(id);
    response.setHeader('ETag', `"${article.revision}"`);
    return article;
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
  events(@Valid('params') { id }: ArticlePath) {
    return this.history.events(id);
  }
}

/**
 * asOf passed the contract: RFC 3339, on a day its month has. A leap second (23:59:60, RFC 3339
 * §5.7) is a moment Date cannot hold; it is read as the last millisecond of its minute, so the
 * article is shown with everything recorded before that minute ended.
 */
function momentOf(asOf: string): Date {
  const leap = /^(.*[Tt]\d\d:\d\d:)60(?:\.\d+)?(.*)$/.exec(asOf);
  return leap ? new Date(new Date(`${leap[1]}59${leap[2]}`).getTime() + 999) : new Date(asOf);
}
