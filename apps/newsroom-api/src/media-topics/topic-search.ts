import type { MediaTopic } from './media-topic';
import type { MediaTopicVocabulary } from './media-topic-vocabulary';
import { foldText, wordsOf } from './topic-words';

/** A topic as the search reads it: folded once, at start-up. */
interface Searchable {
  topic: MediaTopic;
  label: string;
  labelWords: string[];
  allWords: string[];
}

/**
 * How well a topic answers a look-up, best first: its code; its label exactly; the label's
 * start; every word typed starting a word of the label; the label containing what was typed;
 * every word typed starting a word of the label or the definition.
 */
const Rank = { Code: 0, Label: 1, LabelStart: 2, LabelWords: 3, InLabel: 4, Definition: 5, None: 6 } as const;
type Rank = (typeof Rank)[keyof typeof Rank];

/**
 * Look-ups of Media Topics as an editor types (GET /categories?search=). Case and accents do
 * not matter; label matches come before definition matches; within a rank the shorter (broader
 * sounding) label first, then alphabetical order.
 */
export class TopicSearch {
  private readonly searchable: Searchable[];

  constructor(private readonly vocabulary: MediaTopicVocabulary) {
    this.searchable = vocabulary.topics.map((topic) => ({
      topic,
      label: foldText(topic.label),
      labelWords: wordsOf(topic.label),
      allWords: wordsOf(`${topic.label} ${topic.definition}`),
    }));
  }

  /** The topics matching `text`, best first, at most `limit`; without any words in it, none. */
  search(text: string, limit: number): MediaTopic[] {
    const query = foldText(text).trim().replace(/\s+/g, ' ');
    const words = wordsOf(text);
    if (words.length === 0) return [];
    const code = this.vocabulary.topic(text);
    return this.searchable
      .map((entry) => ({ entry, rank: entry.topic === code ? Rank.Code : rankOf(entry, query, words) }))
      .filter(({ rank }) => rank !== Rank.None)
      .sort(
        (a, b) => a.rank - b.rank || a.entry.label.length - b.entry.label.length || a.entry.label.localeCompare(b.entry.label),
      )
      .slice(0, limit)
      .map(({ entry }) => entry.topic);
  }

  /** The 17 top topics, alphabetically: where browsing starts when nothing is typed yet. */
  top(limit: number): MediaTopic[] {
    return this.searchable
      .filter(({ topic }) => topic.broader === null)
      .sort((a, b) => a.label.localeCompare(b.label))
      .slice(0, limit)
      .map(({ topic }) => topic);
  }
}

function rankOf(entry: Searchable, query: string, words: readonly string[]): Rank {
  if (entry.label === query) return Rank.Label;
  if (entry.label.startsWith(query)) return Rank.LabelStart;
  if (everyStarts(words, entry.labelWords)) return Rank.LabelWords;
  if (entry.label.includes(query)) return Rank.InLabel;
  if (everyStarts(words, entry.allWords)) return Rank.Definition;
  return Rank.None;
}

function everyStarts(typed: readonly string[], words: readonly string[]): boolean {
  return typed.every((start) => words.some((word) => word.startsWith(start)));
}
