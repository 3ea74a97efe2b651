import type { Article } from '@newsroom/articles';
import type { MediaTopic } from '../../media-topics/media-topic';
import type { MediaTopicVocabulary } from '../../media-topics/media-topic-vocabulary';
import { topicEntry, type TopicEntry } from '../../media-topics/topic-entry';
import type { TopicSuggester } from '../../media-topics/topic-suggestions';

export interface CategorySuggestion extends TopicEntry {
  score: number;
  matched: { label: string[]; definition: string[] };
}

/**
 * Media Topics for an article from its headline and blocks, leaving out those it already has
 * (by code, or by a label that is the topic's, case aside).
 */
export function categorySuggestions(
  article: Article,
  suggester: TopicSuggester,
  vocabulary: MediaTopicVocabulary,
  limit: number,
): { revision: number; items: CategorySuggestion[] } {
  const text = [article.headline ?? '', ...article.blocks.map((block) => block.text)].join('\n\n');
  const codes = new Set(article.categories.flatMap((category) => category.code ?? []));
  const labelled = new Set(article.categories.flatMap((category) => vocabulary.withLabel(category.label) ?? []));
  const has = (topic: MediaTopic) => codes.has(topic.code) || labelled.has(topic);
  const items = suggester.suggest(text, limit, has).map(({ topic, score, labelWords, definitionWords }) => ({
    ...topicEntry(topic, vocabulary),
    score,
    matched: { label: labelWords, definition: definitionWords },
  }));
  return { revision: article.revision, items };
}
