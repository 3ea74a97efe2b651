import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ArticleIdPipe } from './article-id.pipe';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Article } from '@newsroom/articles';
import type { Response } from 'express';
import { Allow } from '../auth/access.decorators';
import { PositiveIntPipe } from '../http/positive-int.pipe';
import { ProblemException } from '../http/problem';
import {
  ArticleAtQueryDto,
  DiffQueryDto,
  HISTORY_PAGE_SIZE,
  HistoryPageQueryDto,
  ListArticlesQueryDto,
} from './dto/read-queries.dto';
import { ArticleView } from './openapi/article.schema';
import { ProblemResponse } from './openapi/problem-response';
import { ArticleAudit } from './queries/article-audit';
import { diffArticles } from './queries/article-diff';
import { ArticleHistory } from './queries/article-history';
import { ArticleListing } from './queries/article-listing';
import { ArticleReader } from './queries/article-reader';

const ID = new ArticleIdPipe();
const REVISION = new PositiveIntPipe('n');

/** Every read of articles: current and past states, history, diffs and the raw log. */
@ApiTags('reads')
@ApiBearerAuth()
@ProblemResponse(400, 'Bad query parameter or id')
@ProblemResponse(401)
@ProblemResponse(404, 'Unknown article or revision')
@Controller('articles')
export class ArticleReadsController {
  constructor(
    private readonly reader: ArticleReader,
    private readonly history: ArticleHistory,
    private readonly listing: ArticleListing,
    private readonly auditor: ArticleAudit,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Articles, most recently changed first: { items, nextCursor }' })
  list(@Query() query: ListArticlesQueryDto) {
    return this.listing.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The current article, or as it was at ?revision=N or ?asOf=<time>' })
  @ApiResponse({ status: 200, type: ArticleView })
  async get(
    @Param('id', ID) id: string,
    @Query() query: ArticleAtQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Article> {
    if (query.revision !== undefined && query.asOf !== undefined) {
      throw ProblemException.of(400, 'ValidationFailed', 'Validation failed', 'Give revision or asOf, not both.', {
        errors: [{ field: 'asOf', message: 'revision and asOf exclude each other' }],
      });
    }
    const article =
      query.revision !== undefined
        ? await this.reader.atRevision(id, query.revision)
        : query.asOf !== undefined
          ? await this.reader.asOf(id, momentOf(query.asOf))
          : await this.reader.current(id);
    response.setHeader('ETag', `"${article.revision}"`);
    return article;
  }

  @Get(':id/revisions')
  @ApiOperation({
    summary:
      'The revision history, oldest first: { items: [{ revision, type, actor, reason, recordedAt, summary }], nextCursor }',
  })
  revisions(@Param('id', ID) id: string, @Query() query: HistoryPageQueryDto) {
    return this.history.revisions(id, query.limit ?? HISTORY_PAGE_SIZE, query.cursor);
  }

  @Get(':id/revisions/:n')
  @ApiOperation({ summary: 'One revision: who, when, why, and the article as it was then' })
  async revision(@Param('id', ID) id: string, @Param('n', REVISION) n: number, @Res({ passthrough: true }) response: Response) {
    const entry = await this.history.revision(id, n);
    response.setHeader('ETag', `"${entry.article.revision}"`);
    return entry;
  }

  @Get(':id/diff')
  @ApiOperation({ summary: 'Word-level differences between two revisions' })
  async diff(@Param('id', ID) id: string, @Query() query: DiffQueryDto) {
    const [from, to] = await Promise.all([this.reader.atRevision(id, query.from), this.reader.atRevision(id, query.to)]);
    return diffArticles(from, to);
  }

  @Get(':id/audit')
  @Allow('auditor', 'editor')
  @ApiOperation({
    summary: 'Checks the article’s hash chain: { verified, revisions, headHash }, or { verified: false, revisions, brokenAt }',
    description:
      'Each event stores SHA-256 over its revision, type, data and metadata (PostgreSQL jsonb text) and the previous event’s hash. brokenAt is the first revision whose stored fields no longer produce its hash. Keep headHash elsewhere to detect a removed tail too.',
  })
  audit(@Param('id', ID) id: string) {
    return this.auditor.verify(id);
  }

  @Get(':id/events')
  @Allow('auditor', 'editor')
  @ApiOperation({
    summary: 'The raw event log of the article (auditors and editors)',
    description:
      'Each event as stored: [{ position, revision, type, data, metadata, recordedAt }]. metadata holds actor, actorName, reason, correlationId (the X-Request-Id) and schemaVersion; idempotencyKey is the Idempotency-Key the command came with, prefixed by its actor and U+241F (`eddie␟fix-42`), since a key is unique per actor, or null.',
  })
  events(@Param('id', ID) id: string) {
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
