import type { MediaTopic, MediaTopicRelease } from './media-topic';

/** A label as the exact-label look-up compares it: trimmed, composed, lower case. */
const labelKey = (label: string) => label.trim().normalize('NFC').toLowerCase();

/**
 * The Media Topics of one release, looked up by code and by label. Built once at start-up from
 * the shipped file; nothing in it changes while the API runs.
 */
export class MediaTopicVocabulary {
  private readonly byCode: ReadonlyMap<string, MediaTopic>;
  private readonly byLabel: ReadonlyMap<string, MediaTopic>;

  constructor(readonly release: MediaTopicRelease) {
    this.byCode = new Map(release.topics.map((topic) => [topic.code, topic]));
    this.byLabel = new Map(release.topics.map((topic) => [labelKey(topic.label), topic]));
    if (this.byLabel.size !== release.topics.length)
      throw new Error('Two Media Topics share a label: a label could not name one topic');
  }

  get topics(): readonly MediaTopic[] {
    return this.release.topics;
  }

  /** The release's date, e.g. 2025-10-09. */
  get released(): string {
    return this.release.released.slice(0, 10);
  }

  /** The active topic with this code (`medtop:20000639`), or undefined. */
  topic(code: string): MediaTopic | undefined {
    return this.byCode.get(code.trim());
  }

  /** The topic whose label is this one, case aside (`Diplomacy` → diplomacy), or undefined. */
  withLabel(label: string): MediaTopic | undefined {
    return this.byLabel.get(labelKey(label));
  }

  /** The topic's parent, or null for a top topic. */
  broaderOf(topic: MediaTopic): MediaTopic | null {
    return topic.broader === null ? null : (this.byCode.get(topic.broader) ?? null);
  }

  /** The topic's children, in the release's order. */
  narrowerOf(topic: MediaTopic): MediaTopic[] {
    return topic.narrower.flatMap((code) => this.byCode.get(code) ?? []);
  }
}
