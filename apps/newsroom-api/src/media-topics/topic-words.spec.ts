import { contentWordsOf, sameWord, singular, wordsOf } from './topic-words';

describe('the words of topics and stories', () => {
  it('folds case and accents, and splits on anything that is not a letter or digit', () => {
    expect(wordsOf('Genève: ÉLECTIONS, Ukraine’s “NATO” bid')).toEqual(['geneve', 'elections', 'ukraine', 's', 'nato', 'bid']);
  });

  it('leaves out stop words, numbers and words under three letters', () => {
    expect(contentWordsOf('The summit was one of the reasons, in 2021, for a US–Russia thaw')).toEqual([
      'summit',
      'reasons',
      'russia',
      'thaw',
    ]);
  });

  it('makes plurals singular, leaving words that only end in s whole', () => {
    expect(['attacks', 'policies', 'discusses', 'press', 'census', 'crisis', 'news'].map(singular)).toEqual([
      'attack',
      'policy',
      'discuss',
      'press',
      'census',
      'crisis',
      'new',
    ]);
  });

  it('takes words sharing their first seven letters, with at most three more each, as one', () => {
    expect(sameWord('diplomatic', 'diplomacy')).toBe(true);
    expect(sameWord('government', 'governmental')).toBe(true);
    expect(sameWord('internet', 'international')).toBe(false);
    expect(sameWord('secondary', 'second')).toBe(false);
    expect(sameWord('summit', 'summit')).toBe(true);
  });
});
