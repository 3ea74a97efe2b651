import { readFileSync } from 'node:fs';
import { shippedVocabulary } from './shipped-release';
import type { MediaTopicVocabulary } from './media-topic-vocabulary';
import { TopicSuggester, type TopicSuggestion } from './topic-suggestions';

let vocabulary: MediaTopicVocabulary;
let suggester: TopicSuggester;
beforeAll(async () => {
  vocabulary = await shippedVocabulary();
  suggester = new TopicSuggester(vocabulary);
});
const SAMPLE_STORY = readFileSync(`${process.cwd()}/test/fixtures/geneva-summit.txt`, 'utf8');
const POLITICS = 'medtop:11000000';

/** Whether a topic is politics and government or below it. */
function inPolitics(code: string): boolean {
  for (let topic = vocabulary.topic(code); topic; topic = topic.broader ? vocabulary.topic(topic.broader) : undefined) {
    if (topic.code === POLITICS) return true;
  }
  return false;
}

describe('suggesting Media Topics from a story’s words', () => {
  let suggested: TopicSuggestion[];
  beforeAll(() => {
    suggested = suggester.suggest(SAMPLE_STORY, 5);
  });

  it('suggests diplomacy for the sample story, and the summit meeting first, each with the words why', () => {
    expect(suggested[0]).toMatchObject({
      topic: { code: 'medtop:20000640', label: 'summit meeting' },
      labelWords: ['summit', 'meeting'],
    });
    expect(suggested[0].definitionWords).toEqual(expect.arrayContaining(['diplomatic', 'government']));
    const diplomacy = suggested.find(({ topic }) => topic.code === 'medtop:20000639');
    expect(diplomacy?.labelWords).toEqual(['diplomacy', 'diplomatic']);
    expect(suggested.filter(({ topic }) => inPolitics(topic.code)).length).toBeGreaterThanOrEqual(3);
    const scores = suggested.map(({ score }) => score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('weighs a label word more than the same word in a definition', () => {
    // "relations": in the label of international relations, in the definitions of others.
    const [first] = suggester.suggest('Relations between the two relations improved; relations matter.', 3);
    expect(first.topic.label).toMatch(/relations/);
    expect(first.labelWords).toEqual(['relations']);
  });

  it('needs a word of the label: definition words alone suggest nothing', () => {
    // "Negotiations" is in diplomacy's definition, not in any label.
    expect(suggester.suggest('Negotiations, negotiations, negotiations.', 5)).toEqual([]);
  });

  it('ignores stop words, and leaves out topics the article already has', () => {
    expect(suggester.suggest('The and of with for about which there would', 5)).toEqual([]);
    const without = suggester.suggest(SAMPLE_STORY, 5, (topic) => topic.code === 'medtop:20000640');
    expect(without.map(({ topic }) => topic.code)).not.toContain('medtop:20000640');
    expect(without).toHaveLength(5);
  });
});
