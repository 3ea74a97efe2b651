import type { MediaTopic } from './media-topic';
import type { MediaTopicVocabulary } from './media-topic-vocabulary';
import { StoryWords } from './story-words';
import { contentWordsOf, singular } from './topic-words';

/** A label word found in the story weighs this many definition words. */
export const LABEL_WEIGHT = 2;
/** A word used more often than this in the story counts no more: repetition is not relevance. */
export const REPEATS_COUNTED = 3;

export interface TopicSuggestion {
  topic: MediaTopic;
  /** The sum below, rounded to two decimals. */
  score: number;
  /** The story's words (folded) that matched words of the topic's label. */
  labelWords: string[];
  /** The story's words that matched words of its definition (and not of its label). */
  definitionWords: string[];
}

/** A topic's words as the scoring reads them: content words, singular, once each. */
interface TopicWords {
  topic: MediaTopic;
  label: string[];
  definition: string[];
}

/**
 * Media Topics a story may be about, from its words alone (GET /articles/{id}/category-suggestions).
 * The scoring, meant to be explained beside each suggestion:
 *
 * - words are folded (case, accents), stop words and words under three letters left out, plurals
 *   made singular; a topic's word and a story's word match when they are the same word or share
 *   their first seven letters with at most three more each (`diplomatic` ~ `diplomacy`);
 * - a matched word counts its rarity among the topics, ln(topics / topics using the word), times
 *   how often the story uses it (at most three times);
 * - label words count LABEL_WEIGHT times, scaled by the share of the label's words found
 *   (`summit meeting` with both words beats `annual and special corporate meeting` with one);
 *   definition words count once, and only for a topic with a label word in the story;
 * - a word of the story counts once per topic; the highest score first, then the label.
 */
export class TopicSuggester {
  private readonly topics: TopicWords[];
  private readonly rarity = new Map<string, number>();

  constructor(vocabulary: MediaTopicVocabulary) {
    this.topics = vocabulary.topics.map((topic) => {
      const label = unique(contentWordsOf(topic.label).map(singular));
      const definition = unique(contentWordsOf(topic.definition).map(singular)).filter((word) => !label.includes(word));
      return { topic, label, definition };
    });
    const using = new Map<string, number>();
    for (const { label, definition } of this.topics) {
      for (const word of [...label, ...definition]) using.set(word, (using.get(word) ?? 0) + 1);
    }
    for (const [word, topics] of using) this.rarity.set(word, Math.log(this.topics.length / topics));
  }

  /** The best `limit` topics for a story's text, leaving out those `leaveOut` says it already has. */
  suggest(text: string, limit: number, leaveOut: (topic: MediaTopic) => boolean = () => false): TopicSuggestion[] {
    const story = new StoryWords(text);
    return this.topics
      .filter(({ topic }) => !leaveOut(topic))
      .flatMap((topic) => this.scored(topic, story) ?? [])
      .sort((a, b) => b.score - a.score || a.topic.label.localeCompare(b.topic.label))
      .slice(0, limit);
  }

  private scored({ topic, label, definition }: TopicWords, story: StoryWords): TopicSuggestion | undefined {
    // A story word found for the label is not counted again for the definition.
    const counted = new Set<string>();
    const inLabel = this.found(label, story, counted);
    if (inLabel.words.length === 0) return undefined;
    const inDefinition = this.found(definition, story, counted);
    const score = LABEL_WEIGHT * inLabel.sum * inLabel.share + inDefinition.sum;
    return { topic, score: Math.round(score * 100) / 100, labelWords: inLabel.words, definitionWords: inDefinition.words };
  }

  /** The story's words matching these topic words (not yet counted), what they weigh, and the share of topic words found. */
  private found(topicWords: readonly string[], story: StoryWords, counted: Set<string>) {
    let sum = 0;
    let matched = 0;
    const words: string[] = [];
    for (const word of topicWords) {
      const forms = story.matching(word).filter((form) => !counted.has(form));
      if (forms.length === 0) continue;
      matched++;
      forms.forEach((form) => counted.add(form));
      words.push(...forms.map((form) => story.asWritten(form)));
      sum += (this.rarity.get(word) ?? 0) * Math.min(story.timesUsed(forms), REPEATS_COUNTED);
    }
    return { sum, words, share: topicWords.length === 0 ? 0 : matched / topicWords.length };
  }
}

function unique(words: readonly string[]): string[] {
  return [...new Set(words)];
}
