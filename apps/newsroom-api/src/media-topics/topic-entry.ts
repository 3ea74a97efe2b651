import type { MediaTopic } from './media-topic';
import type { MediaTopicVocabulary } from './media-topic-vocabulary';

/** A topic as the API answers it: code, label, definition and its parent by code and label. */
export interface TopicEntry {
  code: string;
  label: string;
  definition: string;
  broader: { code: string; label: string } | null;
}

export function topicEntry(topic: MediaTopic, vocabulary: MediaTopicVocabulary): TopicEntry {
  const parent = vocabulary.broaderOf(topic);
  return {
    code: topic.code,
    label: topic.label,
    definition: topic.definition,
    broader: parent && { code: parent.code, label: parent.label },
  };
}
