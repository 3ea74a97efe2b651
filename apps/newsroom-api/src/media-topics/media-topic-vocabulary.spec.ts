import { slugify } from '@newsroom/articles';
import { mediaTopicUri } from './media-topic-codes';
import type { MediaTopicVocabulary } from './media-topic-vocabulary';
import { shippedVocabulary } from './shipped-release';

let vocabulary: MediaTopicVocabulary;
beforeAll(async () => {
  vocabulary = await shippedVocabulary();
});

describe('the shipped IPTC Media Topics', () => {
  it('is the release of 2025-10-09, CC BY 4.0, active topics only', () => {
    expect(vocabulary.released).toBe('2025-10-09');
    expect(vocabulary.release.licence).toBe('http://creativecommons.org/licenses/by/4.0/');
    expect(vocabulary.release.copyrightHolder).toMatch(/^IPTC/);
    expect(vocabulary.topics).toHaveLength(1084);
    expect(vocabulary.topics.filter((topic) => topic.broader === null)).toHaveLength(17);
    // medtop:20000030 (music theatre, retired 2021-09-30) is in the release but not shipped.
    expect(vocabulary.topic('medtop:20000030')).toBeUndefined();
  });

  it('finds a topic by its code: its label, definition, parent and children', () => {
    const diplomacy = vocabulary.topic('medtop:20000639');
    expect(diplomacy).toMatchObject({ code: 'medtop:20000639', label: 'diplomacy', broader: 'medtop:20000638' });
    expect(diplomacy?.definition).toMatch(/^Negotiations between representatives of nations/);
    expect(vocabulary.broaderOf(diplomacy!)?.label).toBe('international relations');
    expect(vocabulary.narrowerOf(diplomacy!).map((topic) => topic.label)).toContain('summit meeting');
    expect(vocabulary.broaderOf(vocabulary.topic('medtop:11000000')!)).toBeNull();
  });

  it('finds a topic by its label exactly, case aside, and nothing by a part of one', () => {
    expect(vocabulary.withLabel('Diplomacy')?.code).toBe('medtop:20000639');
    expect(vocabulary.withLabel('  SUMMIT MEETING ')?.code).toBe('medtop:20000640');
    expect(vocabulary.withLabel('diplomac')).toBeUndefined();
    expect(vocabulary.withLabel('US–Russia Relations')).toBeUndefined();
  });

  it('knows no code it does not ship', () => {
    expect(vocabulary.topic('medtop:99999999')).toBeUndefined();
    expect(vocabulary.topic('house:picks')).toBeUndefined();
  });

  it('names every topic as the exports do, with a label that makes a slug and a parent that is shipped', () => {
    for (const topic of vocabulary.topics) {
      expect(mediaTopicUri(topic.code)).toBe(`http://cv.iptc.org/newscodes/mediatopic/${topic.code.slice(7)}`);
      expect(slugify(topic.label)).not.toBe('');
      if (topic.broader !== null) expect(vocabulary.topic(topic.broader)).toBeDefined();
      for (const child of topic.narrower) expect(vocabulary.topic(child)?.broader).toBe(topic.code);
    }
  });
});
