import { Controller } from '@nestjs/common';
import { SUGGESTION_COUNT } from '../contract/category-operations';
import type { QueryOf } from '../contract/typed-input';
import { Valid } from '../http/contract.guard';
import { Route } from '../http/route.decorator';
import { MediaTopicVocabulary } from '../media-topics/media-topic-vocabulary';
import { TopicSuggester } from '../media-topics/topic-suggestions';
import { categorySuggestions } from './queries/category-suggestions';
import { ArticleReader } from './queries/article-reader';

/** GET /articles/{id}/category-suggestions: Media Topics the story's own words point to. */
@Controller()
export class CategorySuggestionsController {
  constructor(
    private readonly reader: ArticleReader,
    private readonly suggester: TopicSuggester,
    private readonly vocabulary: MediaTopicVocabulary,
  ) {}

  @Route('suggestCategories')
  async suggest(@Valid('params') { id }: { id: string }, @Valid('query') query: QueryOf<'suggestCategories'>) {
    const article = await this.reader.current(id);
    return categorySuggestions(article, this.suggester, this.vocabulary, query.limit ?? SUGGESTION_COUNT);
  }
}
