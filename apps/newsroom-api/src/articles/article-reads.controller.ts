import { Controller, Res } from '@nestjs/common';
import type { Article } from '@newsroom/articles';
import type { Response } from 'express';
import { HISTORY_PAGE_SIZE } from '../contract/read-operations';
import type { QueryOf } from '../contract/typed-input';
import { Valid } from '../http/contract.guard';
import { ProblemException } from '../http/problem';
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
    return this.history.revisions(id, query.limit ?? HISTORY_PAGE_SIZE, query.cursor);
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
 * asOf passed RFC 3339 validation; a calendar-impossible one (2021-02-30) is still a 400. The
 * day is checked against its month itself: Date rolls 30 February over to 1 March silently.
 */
function momentOf(asOf: string): Date {
  const moment = new Date(asOf);
  const [, year, month, day] = /^(\d{4})-(\d{2})-(\d{2})/.exec(asOf) ?? [];
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  if (Number.isNaN(moment.getTime()) || Number(day) > daysInMonth) {
    throw ProblemException.of(400, 'ValidationFailed', 'Validation failed', `asOf “${asOf}” is not a real moment.`, {
      errors: [{ field: 'asOf', message: 'asOf must be an existing RFC 3339 date-time' }],
    });
  }
  return moment;
}
