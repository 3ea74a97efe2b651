import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ArticleCommandsController } from './article-commands.controller';
import { ArticleReadsController } from './article-reads.controller';
import { ArticleStreams } from './article-streams';
import { LatestArticles } from './latest-articles';
import { ArticleCommandRunner } from './commands/article-command-runner';
import { EditArticleHandler } from './commands/edit-article.command';
import { CorrectionsController } from './corrections.controller';
import { IdempotencyRecords } from './idempotency/idempotency-records';
import { ArticleProjection } from './projections/article-projection';
import { CorrectionsFollower } from './projections/corrections-follower';
import { INLINE_PROJECTIONS } from './projections/inline-projection';
import { ArticleAudit } from './queries/article-audit';
import { ArticleHistory } from './queries/article-history';
import { ArticleListing } from './queries/article-listing';
import { ArticleReader } from './queries/article-reader';
import { CorrectionsFeed } from './queries/corrections-feed';

@Module({
  imports: [CqrsModule],
  controllers: [ArticleCommandsController, ArticleReadsController, CorrectionsController],
  providers: [
    ArticleStreams,
    LatestArticles,
    ArticleCommandRunner,
    IdempotencyRecords,
    EditArticleHandler,
    ArticleProjection,
    { provide: INLINE_PROJECTIONS, inject: [ArticleProjection], useFactory: (articles: ArticleProjection) => [articles] },
    ArticleReader,
    ArticleHistory,
    ArticleListing,
    CorrectionsFeed,
    CorrectionsFollower,
    ArticleAudit,
  ],
  exports: [CorrectionsFollower],
})
export class ArticlesModule {}
