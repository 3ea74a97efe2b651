import { shippedVocabulary } from './shipped-release';
import { TopicSearch } from './topic-search';

let topics: TopicSearch;
beforeAll(async () => {
  topics = new TopicSearch(await shippedVocabulary());
});
const labels = (text: string, limit = 10) => topics.search(text, limit).map((topic) => topic.label);

describe('looking up Media Topics as an editor types', () => {
  it('puts the label typed first, case and accents aside', () => {
    expect(labels('Diplomacy')[0]).toBe('diplomacy');
    expect(labels('ÉLECTION')[0]).toBe('election');
    expect(labels('summit meeting')).toEqual(['summit meeting']);
  });

  it('ranks labels starting with the text, then labels with a word starting so, before definitions', () => {
    const found = labels('govern', 50);
    expect(found.slice(0, 2)).toEqual(['government', 'government debt']);
    // A label with a later word starting "govern" comes after every label starting with it …
    const lastStart = Math.max(...found.flatMap((label, i) => (label.startsWith('govern') ? [i] : [])));
    expect(found.indexOf('head of government')).toBeGreaterThan(lastStart);
    // … and a topic found by its definition alone after every one found by its label.
    const byLabel = found.filter((label) => label.includes('govern'));
    expect(found.slice(0, byLabel.length)).toEqual(byLabel);
    expect(found.length).toBeGreaterThan(byLabel.length);
  });

  it('takes every word typed as the start of a word, in any order', () => {
    expect(labels('meet summ')).toEqual(['summit meeting']);
    expect(labels('cyber')).toEqual(['cyber crime', 'cyber warfare']);
  });

  it('finds topics by their definitions when no label has the word', () => {
    expect(labels('negotiation')).toEqual(expect.arrayContaining(['diplomacy', 'summit meeting', 'international relations']));
  });

  it('finds a topic by its code, and nothing for text without a word', () => {
    expect(labels('medtop:20000639')[0]).toBe('diplomacy');
    expect(labels('  ?! ')).toEqual([]);
    expect(labels('zzzzqx')).toEqual([]);
  });

  it('answers at most the limit, and the 17 top topics when nothing is typed', () => {
    expect(labels('e', 5)).toHaveLength(5);
    const top = topics.top(50);
    expect(top).toHaveLength(17);
    expect(top.every((topic) => topic.broader === null)).toBe(true);
    expect(top.map((topic) => topic.label)).toContain('politics and government');
  });
});
