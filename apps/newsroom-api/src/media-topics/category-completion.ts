import type { CategoryInput } from '@newsroom/articles';
import { claimsMediaTopic } from './media-topic-codes';
import type { MediaTopicVocabulary } from './media-topic-vocabulary';

/** A category as an editor may send it: a label, a code, or both. */
export interface SentCategory {
  label?: string;
  code?: string;
}

export type CategoryCompletion =
  | { ok: true; category: CategoryInput }
  /** A `medtop:` code that no active topic of the release has. */
  | { ok: false; refusal: 'UnknownMediaTopic'; code: string }
  /** A house code (not a Media Topic) without a label: nothing to name the category by. */
  | { ok: false; refusal: 'LabelRequired'; code: string };

/**
 * The whole category the domain is to add, from what was sent: a Media Topic code gets IPTC's
 * label when none was given, a label that is a topic's label gets its code, and anything else
 * is a house tag, kept as sent. Done before `decide`, so that the domain only ever sees complete
 * categories and knows nothing of the vocabulary.
 */
export function completeCategory(sent: SentCategory, vocabulary: MediaTopicVocabulary): CategoryCompletion {
  const { label, code } = sent;
  if (code !== undefined && claimsMediaTopic(code)) {
    const topic = vocabulary.topic(code);
    if (!topic) return { ok: false, refusal: 'UnknownMediaTopic', code };
    return { ok: true, category: { label: label ?? topic.label, code: topic.code } };
  }
  if (label === undefined) return { ok: false, refusal: 'LabelRequired', code: code ?? '' };
  if (code !== undefined) return { ok: true, category: { label, code } };
  const topic = vocabulary.withLabel(label);
  return { ok: true, category: topic ? { label, code: topic.code } : { label } };
}
