import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MediaTopicsModule } from '../media-topics/media-topics.module';
import { ArticleCommandsController } from './article-commands.controller';
import { ArticleExportsController } from './article-exports.controller';
import { ArticlePastReader } from './article-past';
import { ArticleReadsController } from './article-reads.controller';
import { ArticleStreams } from './article-streams';
import { LatestArticles } from './latest-articles';
import { ArticleCommandRunner } from './commands/article-command-runner';
import { EditArticleHandler } from './commands/edit-article.command';
import { RedactPassageHandler } from './commands/redact-passage.command';
import { StaleEdits } from './commands/stale-edits';
import { CommandTracking } from './command-tracking';
import { CorrectionsController } from './corrections.controller';
import { CategorySuggestionsController } from './category-suggestions.controller';
import { IdempotencyRecords } from './idempotency/idempotency-records';
import { ArticleProjection } from './projections/article-projection';
import { CorrectionsFollower } from './projections/corrections-follower';
import { INLINE_PROJECTIONS } from './projections/inline-projection';
import { ArticleAudit } from './queries/article-audit';
import { ArticleEvents } from './queries/article-events';
import { ArticleHistory } from './queries/article-history';
import { ArticleListing } from './queries/article-listing';
import { ArticleReader } from './queries/article-reader';
import { FieldChangeIndex } from './field-change-index';
import { CorrectionsFeed } from './queries/corrections-feed';

@Module({
  imports: [CqrsModule, MediaTopicsModule],
  controllers: [
    ArticleCommandsController,
    ArticleReadsController,
    ArticleExportsController,
    CorrectionsController,
    CategorySuggestionsController,
  ],
  providers: [
    ArticleStreams,
    ArticlePastReader,
    LatestArticles,
    ArticleCommandRunner,
    CommandTracking,
    StaleEdits,
    IdempotencyRecords,
    EditArticleHandler,
    RedactPassageHandler,
    ArticleProjection,
    { provide: INLINE_PROJECTIONS, inject: [ArticleProjection], useFactory: (articles: ArticleProjection) => [articles] },
    ArticleReader,
    FieldChangeIndex,
    ArticleHistory,
    ArticleEvents,
    ArticleListing,
    CorrectionsFeed,
    CorrectionsFollower,
    ArticleAudit,
  ],
  exports: [CorrectionsFollower],
})
export class ArticlesModule {}
