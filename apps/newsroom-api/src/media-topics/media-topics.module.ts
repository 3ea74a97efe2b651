import { Module } from '@nestjs/common';
import { CategoriesController } from './categories.controller';
import { MediaTopicVocabulary } from './media-topic-vocabulary';
import { shippedVocabulary } from './shipped-release';
import { TopicSearch } from './topic-search';
import { TopicSuggester } from './topic-suggestions';

/**
 * The IPTC Media Topics the API ships: read and indexed once at start-up, then shared by the
 * look-ups, the suggestions and the category commands.
 */
@Module({
  controllers: [CategoriesController],
  providers: [
    { provide: MediaTopicVocabulary, useFactory: shippedVocabulary },
    {
      provide: TopicSearch,
      inject: [MediaTopicVocabulary],
      useFactory: (vocabulary: MediaTopicVocabulary) => new TopicSearch(vocabulary),
    },
    {
      provide: TopicSuggester,
      inject: [MediaTopicVocabulary],
      useFactory: (vocabulary: MediaTopicVocabulary) => new TopicSuggester(vocabulary),
    },
  ],
  exports: [MediaTopicVocabulary, TopicSuggester],
})
export class MediaTopicsModule {}
