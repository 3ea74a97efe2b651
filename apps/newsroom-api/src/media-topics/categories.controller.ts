import { Controller } from '@nestjs/common';
import { TOPIC_LOOKUP_SIZE } from '../contract/category-operations';
import type { QueryOf } from '../contract/typed-input';
import { Valid } from '../http/contract.guard';
import { Route } from '../http/route.decorator';
import { MediaTopicVocabulary } from './media-topic-vocabulary';
import { topicEntry } from './topic-entry';
import { TopicSearch } from './topic-search';

/** GET /categories: the Media Topics an editor can pick from, looked up as they type. */
@Controller()
export class CategoriesController {
  constructor(
    private readonly vocabulary: MediaTopicVocabulary,
    private readonly topics: TopicSearch,
  ) {}

  @Route('listCategories')
  list(@Valid('query') query: QueryOf<'listCategories'>) {
    const limit = query.limit ?? TOPIC_LOOKUP_SIZE;
    const found = query.search === undefined ? this.topics.top(limit) : this.topics.search(query.search, limit);
    return { items: found.map((topic) => topicEntry(topic, this.vocabulary)) };
  }
}
